namespace TypedSession.Generator.Model;

/// <summary>
/// How the generated code reads and writes one property type: which codec or JSON metadata, and which casts. Only
/// strings, so that it compares by value and the incremental pipeline can cache the models that hold it.
/// </summary>
/// <param name="Kind">Codec, nullable codec or JSON.</param>
/// <param name="CodecTypeName">The codec struct, fully qualified (<c>global::TypedSession.Generated.Int32Codec</c>); null for JSON.</param>
/// <param name="StoredTypeName">
/// The type the codec or the JSON metadata handles, fully qualified: <c>int</c> for an <c>int?</c> or an enum over
/// <c>int</c>, <c>global::Ns.Cart</c> for JSON. Never carries a nullable annotation.
/// </param>
/// <param name="UnannotatedTypeName">
/// <paramref name="StoredTypeName"/> without nullable reference annotations, for <c>typeof</c>, which does not allow them.
/// </param>
/// <param name="EnumTypeName">The enum type when the property is an enum (or <c>Nullable</c> of one), else null.</param>
/// <param name="JsonContextTypeName">The <c>JsonSerializerContext</c> for JSON, fully qualified; else null.</param>
/// <param name="JsonTypeInfoPropertyName">
/// The context's <c>JsonTypeInfo&lt;T&gt;</c> property for the type when it can be known at generation time (it is
/// visible on the context symbol, or the <c>[JsonSerializable]</c> attribute names it); null when the metadata is
/// looked up once at run time with <c>GetTypeInfo(typeof(T))</c>, because the System.Text.Json generator's output of the
/// same compilation is not visible to this generator.
/// </param>
internal sealed record ValueAccessSpec(
    ValueAccessKind Kind,
    string? CodecTypeName,
    string StoredTypeName,
    string UnannotatedTypeName,
    string? EnumTypeName,
    string? JsonContextTypeName,
    string? JsonTypeInfoPropertyName)
{
    /// <summary>
    /// For JSON, the shape of a plain object the generated code reads and writes with a codec of its own; null when
    /// System.Text.Json's metadata handles the type alone.
    /// </summary>
    public JsonObjectShapeSpec? JsonObject { get; init; }
}
