namespace TypedSession.Generator.Schema;

/// <summary>
/// One member of a JSON object value as the generated codec writes it: its JSON name and the kind of its value. A
/// record of strings, so that schemas compare by value.
/// </summary>
/// <param name="Name">The member's name in the JSON (its <c>[JsonPropertyName]</c>, else the C# name).</param>
/// <param name="Kind">The value's kind: the simple type the codec reads it as (<c>Int32</c>, <c>String</c>, <c>Guid</c>).</param>
/// <param name="IsNullable">The member may hold JSON <c>null</c> (a nullable value type or a reference declared with <c>?</c>).</param>
internal sealed record JsonMemberEncoding(string Name, string Kind, bool IsNullable)
{
    /// <summary>The member as the schema file writes it: <c>Name: Kind</c>, with <c>?</c> when nullable.</summary>
    public override string ToString() => Name + ": " + Kind + (IsNullable ? "?" : string.Empty);
}
