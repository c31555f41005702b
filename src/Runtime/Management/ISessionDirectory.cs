namespace TypedSession;

/// <summary>
/// A user's logged-in sessions, from anywhere in the application (a singleton in DI): list them ("your sessions"),
/// revoke one ("log out this device") or all but the current one ("log out other devices"). Sessions appear here once
/// <see cref="ISessionLifecycle.LogInAsync"/> recorded their user, and leave when they are logged out, destroyed,
/// revoked or expire.
/// </summary>
/// <remarks>
/// Needs a store that keeps a per-user index (<see cref="Stores.ISessionIndexStore"/>): the in-memory, SQLite and Redis
/// stores. Over the <c>IDistributedCache</c> adapter every member throws <see cref="NotSupportedException"/>.
/// </remarks>
public interface ISessionDirectory
{
    /// <summary>The user's live sessions, most recently used first.</summary>
    /// <exception cref="SessionUnavailableException">The store failed.</exception>
    Task<IReadOnlyList<SessionInfo>> GetSessionsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the user's session <paramref name="sessionId"/> at once, on every instance: its next request opens an empty
    /// session, and a write racing the revocation cannot bring it back. Raises <see cref="SessionEventKind.Revoked"/>.
    /// </summary>
    /// <returns><see langword="false"/> when the user has no live session with that id.</returns>
    /// <exception cref="SessionUnavailableException">The store failed.</exception>
    Task<bool> RevokeAsync(string userId, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of the user but <paramref name="exceptSessionId"/> (all when <see langword="null"/>); returns how many.</summary>
    /// <exception cref="SessionUnavailableException">The store failed.</exception>
    Task<int> RevokeAllAsync(string userId, string? exceptSessionId = null, CancellationToken cancellationToken = default);
}
