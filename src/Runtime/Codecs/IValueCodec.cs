using System.ComponentModel;

namespace TypedSession.Generated;

/// <summary>
/// Turns one property type into the bytes an <see cref="Microsoft.AspNetCore.Http.ISession"/> stores, and back.
/// Codecs are structs with static members so that <see cref="SessionValues"/> is specialised per codec by the JIT:
/// a typed read costs what the hand-written <c>GetInt32</c> costs, with no virtual call and no boxing.
/// For generated code; not a stable API.
/// </summary>
/// <typeparam name="T">The property type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IValueCodec<T>
{
    /// <summary>Encodes <paramref name="value"/> into a new array (the session keeps the array it is given).</summary>
    static abstract byte[] Encode(T value);

    /// <summary>
    /// Decodes <paramref name="bytes"/>; returns <see langword="false"/> when they are not a value of this type
    /// (wrong length, corrupt), so that the caller can report the key and fall back to the default.
    /// </summary>
    static abstract bool TryDecode(ReadOnlySpan<byte> bytes, out T value);
}
