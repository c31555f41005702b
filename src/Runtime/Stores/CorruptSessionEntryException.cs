namespace TypedSession.Stores;

/// <summary>
/// Thrown by a store when the entry it found cannot be read (foreign format, truncated, tampered). The engine logs a
/// warning and starts a fresh session; it never hands such an entry to the request.
/// </summary>
public sealed class CorruptSessionEntryException : Exception
{
    /// <summary>Creates the exception with a message that names what was wrong, never the stored bytes.</summary>
    public CorruptSessionEntryException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
