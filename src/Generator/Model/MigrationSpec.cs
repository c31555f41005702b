namespace TypedSession.Generator.Model;

/// <summary>
/// How a property reads a key that may still hold an earlier encoding: the former codec and the conversion. Strings
/// only, for the incremental cache.
/// </summary>
/// <param name="FormerCodecTypeName">The codec of the former encoding, fully qualified.</param>
/// <param name="FormerStoredTypeName">The type that codec reads (<c>int</c>).</param>
/// <param name="FormerEnumTypeName">The enum the migration method takes when the former value was one, else null.</param>
/// <param name="MethodName">
/// The class's <c>Migrate{Property}</c> method that converts the former value, or null for a widening the generated
/// code converts itself (an <c>int</c> read as <c>long</c>).
/// </param>
internal sealed record MigrationSpec(
    string FormerCodecTypeName,
    string FormerStoredTypeName,
    string? FormerEnumTypeName,
    string? MethodName);
