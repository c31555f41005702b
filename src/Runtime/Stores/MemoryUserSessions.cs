namespace TypedSession.Stores;

/// <summary>
/// One user's index entries in <see cref="MemorySessionStore"/>: the user's logged-in session entries themselves, so
/// that the index follows every write and refresh of them without being written. Read and written under
/// <see cref="Gate"/>, which is always taken before an entry's own lock, never after it.
/// </summary>
internal sealed class MemoryUserSessions(string userId)
{
    /// <summary>Guards <see cref="Sessions"/> and <see cref="IsRetired"/>: logins, revocations and expiry of the user are one at a time.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The user.</summary>
    public string UserId { get; } = userId;

    /// <summary>
    /// The user's indexed entries: live ones, expired ones not yet taken, and possibly deleted ones that a later
    /// <see cref="ISessionIndexStore.TakeExpiredAsync"/> drops.
    /// </summary>
    public List<MemorySessionEntry> Sessions { get; } = [];

    /// <summary>Removed from the store's map of users once empty: a caller that finds it retired looks the user up again.</summary>
    public bool IsRetired { get; set; }
}
