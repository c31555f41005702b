namespace TypedSession.Generator.Model;

/// <summary>
/// Everything the emitter needs to write the generated part of one <c>[Session]</c> class. An immutable, equatable
/// record without symbols, syntax nodes or locations: the incremental pipeline caches it and re-emits only when it
/// changes, so an edit elsewhere in the project costs no generation work.
/// </summary>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The types the class is nested in, outermost first.</param>
/// <param name="Name">The class name with its type parameters, as declared.</param>
/// <param name="FullyQualifiedName">The class as a <c>global::</c> type name.</param>
/// <param name="HintName">The generated file's name: <c>Namespace.Outer.Type.g.cs</c>.</param>
/// <param name="EmitFactory">Whether to emit <c>Create</c>, <c>BindAsync</c> and <c>ITypedSession&lt;T&gt;</c> (false when a property takes one of those names).</param>
/// <param name="EmitResetCachedValues">Whether to emit <c>ResetCachedValues</c> (false when a property takes that name).</param>
/// <param name="Properties">The partial properties to implement.</param>
internal sealed record SessionClassSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string Name,
    string FullyQualifiedName,
    string HintName,
    bool EmitFactory,
    bool EmitResetCachedValues,
    EquatableArray<SessionPropertySpec> Properties);
