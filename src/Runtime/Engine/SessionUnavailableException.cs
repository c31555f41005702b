namespace TypedSession;

/// <summary>
/// Thrown when the session store cannot be reached or fails: by a write (<c>Set</c>, <c>Remove</c>, <c>Clear</c>, a
/// typed property setter) on a session that could not be loaded, and by a commit, a regeneration or a destroy whose
/// store call failed. Reads of such a session report <see cref="Microsoft.AspNetCore.Http.ISession.IsAvailable"/>
/// <see langword="false"/> and return defaults instead of throwing.
/// </summary>
public sealed class SessionUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be done; never a session value or the session key.</param>
    /// <param name="innerException">The store's error, if any.</param>
    public SessionUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
