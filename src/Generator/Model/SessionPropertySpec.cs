namespace TypedSession.Generator.Model;

/// <summary>
/// One partial property of a session class and how to implement it. An immutable record of strings and equatable
/// values with no symbols, syntax or locations: the incremental pipeline compares it with the previous run's and
/// skips emitting when nothing changed, and holding a symbol would keep whole compilations alive.
/// </summary>
/// <param name="Name">The property name as an identifier (escaped with <c>@</c> when it is a keyword).</param>
/// <param name="MetadataName">The property name without escaping, used in member names and messages.</param>
/// <param name="Key">The session key (prefix included).</param>
/// <param name="TypeName">The property type as declared, fully qualified, with its nullable annotation.</param>
/// <param name="IsNonNullableReference">The type is a reference type without <c>?</c>: the getter suppresses the null a missing key reads.</param>
/// <param name="Accessibility">The property's accessibility as written (<c>public</c>, <c>protected internal</c>), empty when none was written.</param>
/// <param name="Modifiers">The declaration's modifiers to repeat on the implementation (<c>public</c>, <c>public virtual</c>, ...).</param>
/// <param name="HasGetter">The declaration has a get accessor (always, for a served property).</param>
/// <param name="SetterKeyword"><c>set</c>, <c>init</c>, or null when the declaration has neither (only for an unservable property).</param>
/// <param name="GetterAccessibility">The getter's own accessibility when the user wrote one (<c>private</c>), else null.</param>
/// <param name="SetterAccessibility">The setter's own accessibility when the user wrote one, else null.</param>
/// <param name="Access">How the value is read and written; null when the property cannot be served.</param>
/// <param name="UnservableReason">
/// Why the property cannot be served (wrong shape, unsupported type, duplicate key, reserved name); its accessors then
/// throw with this text, so that the user's build fails only on the analyzer's diagnostic and not on a missing
/// implementation.
/// </param>
/// <param name="EmitRemover">Whether to emit <c>Remove{Name}()</c>; false when another member already has that name.</param>
internal sealed record SessionPropertySpec(
    string Name,
    string MetadataName,
    string Key,
    string TypeName,
    bool IsNonNullableReference,
    string Accessibility,
    string Modifiers,
    bool HasGetter,
    string? SetterKeyword,
    string? GetterAccessibility,
    string? SetterAccessibility,
    ValueAccessSpec? Access,
    string? UnservableReason,
    bool EmitRemover)
{
    /// <summary>
    /// How the property reads a key that may hold an earlier encoding (a declared migration method, or a widening the
    /// shipped schema shows); null when it reads only its own encoding.
    /// </summary>
    public MigrationSpec? Migration { get; init; }

    /// <summary>The property's type is nullable (<c>int?</c>, <c>string?</c>): null removes the key.</summary>
    public bool IsNullable => TypeName.EndsWith("?", System.StringComparison.Ordinal);
}
