namespace TypedSession.Stores;

/// <summary>
/// A store that also keeps, per user, an index of the user's logged-in sessions: what <see cref="ISessionDirectory"/>
/// lists and revokes, what <see cref="TypedSessionOptions.MaxSessionsPerUser"/> counts, and how expiry is noticed
/// without keyspace notifications. The in-memory, SQLite and Redis stores implement it; the
/// <c>IDistributedCache</c> adapter cannot enumerate and does not.
/// </summary>
/// <remarks>
/// <para>
/// A session is indexed by <see cref="LogInAsync"/> only. From then on the store keeps its index entry in step with the
/// session by itself: every <see cref="ITypedSessionStore.CommitAsync"/> (whose <see cref="SessionCommit.Owner"/> is
/// set) and every <see cref="ITypedSessionStore.RefreshAsync"/> of it moves the entry's last access and expiry, in the
/// same atomic step or round trip as the write where the store allows; <see cref="ITypedSessionStore.DeleteAsync"/> of
/// it removes the entry. A write that finds its session gone (destroyed, revoked, expired) must not bring the index
/// entry back either.
/// </para>
/// <para>
/// An index entry whose session expired stays until <see cref="TakeExpiredAsync"/> takes it, so that every expiry is
/// reported once; <see cref="GetSessionsAsync"/> never lists it.
/// </para>
/// </remarks>
public interface ISessionIndexStore
{
    /// <summary>
    /// Creates a logged-in session (<paramref name="commit"/> has <see cref="SessionCommit.CreatesEntry"/> and
    /// <see cref="SessionCommit.Owner"/>) and indexes it under its user, enforcing <paramref name="limit"/>, as one
    /// atomic step for that user: of simultaneous logins of one user, no more than <see cref="SessionLimit.MaxSessions"/>
    /// stay live.
    /// </summary>
    /// <param name="storeKey">The new session's storage key.</param>
    /// <param name="commit">The new session, as for <see cref="ITypedSessionStore.CommitAsync"/>.</param>
    /// <param name="limit">The cap, or <see langword="null"/> for none.</param>
    /// <param name="replacing">
    /// The storage key of the session this one replaces (a regenerate of a logged-in session), which does not count
    /// against the cap and is removed from the index (the engine deletes its entry); <see langword="null"/> for a login.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SessionLoginResult> LogInAsync(string storeKey, SessionCommit commit, SessionLimit? limit, string? replacing, CancellationToken cancellationToken);

    /// <summary>The user's live sessions at <paramref name="now"/>, most recently used first.</summary>
    Task<IReadOnlyList<IndexedSession>> GetSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the user's session with <paramref name="sessionId"/> (its <see cref="SessionOwner.SessionId"/>), or, when
    /// <paramref name="sessionId"/> is <see langword="null"/>, every session of the user but
    /// <paramref name="exceptSessionId"/>, and removes them from the index. Returns the sessions it deleted (none for an
    /// unknown id). A deleted session's next request finds nothing; a write racing the revocation writes nothing.
    /// </summary>
    Task<IReadOnlyList<IndexedSession>> RevokeAsync(string userId, string? sessionId, string? exceptSessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes from the index up to <paramref name="max"/> sessions whose expiry passed before <paramref name="now"/>,
    /// and returns them: each expired session is returned by exactly one call, on whichever instance makes it, as long as
    /// the store keeps its data (a Redis restart with persistence included).
    /// </summary>
    Task<IReadOnlyList<IndexedSession>> TakeExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);
}
