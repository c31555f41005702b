namespace TypedSession.Generator.Model;

/// <summary>
/// A JSON property type that the generator reads and writes with a codec of its own instead of System.Text.Json's
/// metadata: a class or record of simple members, created through one constructor or through its setters. Strings
/// and equatable values only, so that the incremental pipeline can cache the model that holds it.
/// </summary>
/// <param name="TypeName">The type, fully qualified, without nullable annotation.</param>
/// <param name="UsesConstructor">
/// True when System.Text.Json creates it through its one public constructor, whose parameters are
/// <paramref name="Members"/> in <see cref="JsonObjectMemberSpec.ParameterIndex"/> order; false when it uses the
/// public parameterless constructor and sets every member.
/// </param>
/// <param name="Members">The serialized properties in declaration order (the order System.Text.Json writes them).</param>
internal sealed record JsonObjectShapeSpec(
    string TypeName,
    bool UsesConstructor,
    EquatableArray<JsonObjectMemberSpec> Members);
