namespace TypedSession.Stores;

/// <summary>
/// Where TypedSession's engine keeps sessions. The engine works out what a request changed; a store only persists
/// it. Stores that can write single keys (Redis) write only <see cref="SessionCommit.Changed"/> and
/// <see cref="SessionCommit.Removed"/>, so that concurrent requests of one session that change different keys do not
/// erase each other; stores that hold one blob per session write <see cref="SessionCommit.Values"/>.
/// </summary>
/// <remarks>
/// <para>
/// Store keys are opaque: the engine passes a one-way hash of the secret the session cookie carries (64 lowercase hex
/// digits), never the secret itself, so that what a store holds opens no session.
/// </para>
/// <para>
/// No resurrection: only a commit with <see cref="SessionCommit.CreatesEntry"/> may create an entry; every other
/// commit and every refresh applies only while the entry still exists, as one atomic step where the store allows it.
/// </para>
/// <para>
/// Every member is asynchronous: the engine never blocks a request thread on store I/O. Any exception other than
/// <see cref="CorruptSessionEntryException"/> means the store is unavailable.
/// </para>
/// </remarks>
public interface ITypedSessionStore
{
    /// <summary>
    /// Loads the session stored under <paramref name="storeKey"/>, or returns <see langword="null"/> when there is
    /// none or it has expired.
    /// </summary>
    /// <remarks>
    /// The engine takes the returned <see cref="SessionEntry.Values"/> over as the request's working copy when it is a
    /// <see cref="Dictionary{TKey, TValue}"/> with <see cref="StringComparer.Ordinal"/> keys (it copies anything
    /// else): return a dictionary of the store's own making, never one the store keeps.
    /// </remarks>
    /// <exception cref="CorruptSessionEntryException">The entry exists but cannot be read.</exception>
    Task<SessionEntry?> LoadAsync(string storeKey, CancellationToken cancellationToken);

    /// <summary>Persists one request's changes to the session stored under <paramref name="storeKey"/>.</summary>
    /// <returns>
    /// <see langword="true"/> when the changes are stored; <see langword="false"/> when the commit is an update
    /// (<see cref="SessionCommit.CreatesEntry"/> is <see langword="false"/>) and no entry exists under
    /// <paramref name="storeKey"/> any more (it was deleted, regenerated away or expired while the request ran): then the
    /// store writes nothing at all, so that a late write cannot bring a dead session back, not even in part.
    /// </returns>
    Task<bool> CommitAsync(string storeKey, SessionCommit commit, CancellationToken cancellationToken);

    /// <summary>Extends the idle expiry of an unchanged session; a session that no longer exists stays gone.</summary>
    Task RefreshAsync(string storeKey, SessionExpiry expiry, CancellationToken cancellationToken);

    /// <summary>Deletes the session stored under <paramref name="storeKey"/>; deleting a missing session is not an error.</summary>
    Task DeleteAsync(string storeKey, CancellationToken cancellationToken);
}
