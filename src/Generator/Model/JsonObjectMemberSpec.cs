namespace TypedSession.Generator.Model;

/// <summary>One property of a <see cref="JsonObjectShapeSpec"/>. Strings and values only, for the incremental cache.</summary>
/// <param name="Name">The property name as an identifier (escaped with <c>@</c> when it is a keyword).</param>
/// <param name="MetadataName">The property name without escaping: the name a naming policy converts.</param>
/// <param name="DeclaredJsonName">The name its <c>[JsonPropertyName]</c> gives, or null.</param>
/// <param name="TypeName">The property type, fully qualified, without nullable reference annotation (for <c>typeof</c>).</param>
/// <param name="LocalTypeName">The type of the local that holds the value while reading: <paramref name="TypeName"/>, with <c>?</c> for a reference type.</param>
/// <param name="IsNonNullableReference">A reference type declared without <c>?</c>: passing the local on needs <c>!</c>, as System.Text.Json passes a JSON null on.</param>
/// <param name="IsFloatingPoint">A <c>float</c> or <c>double</c> (or nullable one), which System.Text.Json refuses to write when it is not finite.</param>
/// <param name="ReaderName">The <c>JsonMemberValues</c> reader of the member's (underlying) type, such as <c>Int32Reader</c>.</param>
/// <param name="NullableValueTypeName">For a nullable value type, the underlying type, fully qualified; otherwise null.</param>
/// <param name="ParameterIndex">The position of its constructor parameter, or -1 when it is set through its setter.</param>
internal sealed record JsonObjectMemberSpec(
    string Name,
    string MetadataName,
    string? DeclaredJsonName,
    string TypeName,
    string LocalTypeName,
    bool IsNonNullableReference,
    bool IsFloatingPoint,
    string ReaderName,
    string? NullableValueTypeName,
    int ParameterIndex);
