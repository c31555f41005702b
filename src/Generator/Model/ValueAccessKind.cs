namespace TypedSession.Generator.Model;

/// <summary>How a property's value is read from and written to the session.</summary>
internal enum ValueAccessKind
{
    /// <summary><c>SessionValues.Read/Write&lt;TCodec, T&gt;</c>: a type with a codec, or an enum over its underlying type's codec.</summary>
    Codec,

    /// <summary><c>SessionValues.ReadNullable/WriteNullable&lt;TCodec, T&gt;</c>: <c>Nullable&lt;T&gt;</c> of a codec type or enum.</summary>
    NullableCodec,

    /// <summary><c>SessionValues.ReadJson/WriteJson</c> with the source-generated metadata of the class's JSON context.</summary>
    Json,
}
