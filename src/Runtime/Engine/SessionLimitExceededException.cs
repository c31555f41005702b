namespace TypedSession;

/// <summary>
/// A login was refused because its user already has <see cref="TypedSessionOptions.MaxSessionsPerUser"/> live sessions
/// and <see cref="TypedSessionOptions.SessionLimitPolicy"/> is <see cref="SessionLimitPolicy.RefuseNewLogin"/>. The
/// session stays as it was before the login (anonymous, same id).
/// </summary>
public sealed class SessionLimitExceededException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SessionLimitExceededException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public SessionLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public SessionLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
