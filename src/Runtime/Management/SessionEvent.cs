namespace TypedSession;

/// <summary>Something that happened to a session, delivered to every <see cref="ISessionEvents"/> outside the request.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="SessionId">The session's id (after the change, for a login or a regenerate).</param>
/// <param name="UserId">The user it is, or was, logged in as; <see langword="null"/> for an anonymous session.</param>
/// <param name="At">When it happened (for <see cref="SessionEventKind.Expired"/>: when the sweep noticed it).</param>
public sealed record SessionEvent(SessionEventKind Kind, string SessionId, string? UserId, DateTimeOffset At)
{
    /// <summary>For <see cref="SessionEventKind.LoggedIn"/> and <see cref="SessionEventKind.Regenerated"/>: the id before the change.</summary>
    public string? PreviousSessionId { get; init; }

    /// <summary>For <see cref="SessionEventKind.Expired"/>: when the session expired.</summary>
    public DateTimeOffset? ExpiredAt { get; init; }
}
