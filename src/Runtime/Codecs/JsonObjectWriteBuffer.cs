namespace TypedSession.Generated;

// The array JsonObjectByteWriter writes into, kept per thread and reused by every generated JSON codec, so that a
// write allocates only the exact-size array the session keeps. Taken out of its slot while in use: a property getter
// that writes to a session on the same thread gets an array of its own instead of corrupting this one.
internal static class JsonObjectWriteBuffer
{
    // An array that grew past this is not kept, so that one large value does not pin memory on a thread for good.
    private const int MaxRetainedCapacity = 64 * 1024;

    [ThreadStatic]
    private static byte[]? _cachedBytes;

    /// <summary>The thread's array for <see cref="JsonObjectByteWriter"/>, taken out of its slot until <see cref="ReturnBytes"/>.</summary>
    public static byte[] RentBytes()
    {
        var bytes = _cachedBytes ?? new byte[512];
        _cachedBytes = null;
        return bytes;
    }

    /// <summary>Keeps <paramref name="bytes"/> (the rented array, or the larger one it grew into) for the next write.</summary>
    public static void ReturnBytes(byte[] bytes)
    {
        if (bytes.Length <= MaxRetainedCapacity)
        {
            _cachedBytes = bytes;
        }
    }
}
