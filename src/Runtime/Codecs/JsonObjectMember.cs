using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>
/// One property of a type that a generated <see cref="JsonObjectCodec{T}"/> reads and writes, as the generator saw it.
/// The codec checks these against the JSON context's metadata before it uses them. For generated code; not a stable API.
/// </summary>
/// <param name="PropertyName">The property name in C#.</param>
/// <param name="DeclaredJsonName">The name of its <c>[JsonPropertyName]</c>, or <see langword="null"/> when it has none.</param>
/// <param name="PropertyType">The property type.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct JsonObjectMember(string PropertyName, string? DeclaredJsonName, Type PropertyType);
