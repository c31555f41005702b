namespace TypedSession.Generator.Schema;

/// <summary>What kind of bytes a key holds.</summary>
internal enum EncodingForm
{
    /// <summary>The bytes of one built-in codec (<c>Int32</c>, <c>String</c>, <c>Guid</c>, ...).</summary>
    Codec,

    /// <summary>An enum, stored as its underlying type's codec.</summary>
    Enum,

    /// <summary>UTF-8 JSON of a type, with the members its generated codec writes when it has one.</summary>
    Json,
}
