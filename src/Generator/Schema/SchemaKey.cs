namespace TypedSession.Generator.Schema;

/// <summary>One stored key of a session class and how its value is encoded.</summary>
/// <param name="Key">The session key, prefix included.</param>
/// <param name="Encoding">How the value under it is encoded.</param>
internal sealed record SchemaKey(string Key, KeyEncoding Encoding);
