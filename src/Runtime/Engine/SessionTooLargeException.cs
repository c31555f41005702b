namespace TypedSession;

/// <summary>
/// Thrown by a write that would make the session larger than <see cref="TypedSessionOptions.MaxSessionBytes"/>. The
/// write is not applied; the session keeps its previous values.
/// </summary>
public sealed class SessionTooLargeException : InvalidOperationException
{
    /// <summary>Creates the exception for a write of <paramref name="valueBytes"/> bytes under <paramref name="key"/>.</summary>
    public SessionTooLargeException(string key, int valueBytes, long sessionBytes, int limit)
        : base($"Writing {valueBytes} bytes under the session key '{key}' would grow the session to {sessionBytes} bytes, " +
               $"more than its limit of {limit} bytes (TypedSessionOptions.MaxSessionBytes). Store less in the session " +
               "(an id instead of the object) or raise the limit.")
    {
        Key = key;
        ValueBytes = valueBytes;
        SessionBytes = sessionBytes;
        Limit = limit;
    }

    /// <summary>The key that was being written.</summary>
    public string Key { get; }

    /// <summary>The size of the value that was being written.</summary>
    public int ValueBytes { get; }

    /// <summary>The size the session would have had with the write (keys and values, in bytes).</summary>
    public long SessionBytes { get; }

    /// <summary>The configured limit.</summary>
    public int Limit { get; }
}
