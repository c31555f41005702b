namespace TypedSession.Stores;

/// <summary>
/// Where TypedSession's engine keeps sessions. The engine works out what a request changed; a store only persists
/// it. Stores that can write single keys (Redis) write only <see cref="SessionCommit.Changed"/> and
/// <see cref="SessionCommit.Removed"/>, so that concurrent requests of one session that change different keys do not
/// erase each other; stores that hold one blob per session write <see cref="SessionCommit.Values"/>.
/// </summary>
/// <remarks>
/// Every member is asynchronous: the engine never blocks a request thread on store I/O. Any exception other than
/// <see cref="CorruptSessionEntryException"/> means the store is unavailable.
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
    Task CommitAsync(string storeKey, SessionCommit commit, CancellationToken cancellationToken);

    /// <summary>Extends the idle expiry of an unchanged session.</summary>
    Task RefreshAsync(string storeKey, SessionExpiry expiry, CancellationToken cancellationToken);

    /// <summary>Deletes the session stored under <paramref name="storeKey"/>; deleting a missing session is not an error.</summary>
    Task DeleteAsync(string storeKey, CancellationToken cancellationToken);
}
