namespace TypedSession;

/// <summary>
/// The secret a session's cookie carries, with what derives from it: the storage key every store call receives, the
/// session id and the hash logs see, each computed only when first asked for (each costs SHA-256 work that many
/// requests never need), and whether the store may hold an entry under it. A session that switches keys gets a new
/// instance, so nothing derived from the old key survives the switch.
/// </summary>
/// <remarks>
/// The secret itself goes only into the cookie (<see cref="CookieKey"/>); stores see <see cref="StorageKey"/>, a
/// one-way hash of it, so a copy of the store opens no session (see <see cref="SessionIds"/>).
/// </remarks>
internal sealed class SessionStoreKey(string cookieKey, bool mayHaveEntry)
{
    private string? _storageKey;
    private string? _id;
    private string? _logHash;

    /// <summary>The secret: what the cookie carries, protected. Never handed to a store or a log.</summary>
    internal string CookieKey { get; } = cookieKey;

    /// <summary>What the store keeps the session under: see <see cref="SessionIds.StorageKeyOf"/>.</summary>
    internal string StorageKey => _storageKey ??= SessionIds.StorageKeyOf(CookieKey);

    /// <summary>
    /// The store may hold an entry under this key: false for a key made in this request until something is written
    /// under it, or once the load found nothing; a session whose key holds nothing is never looked up, and its first
    /// write creates the entry (<see cref="Stores.SessionCommit.CreatesEntry"/>).
    /// </summary>
    internal bool MayHaveEntry { get; set; } = mayHaveEntry;

    /// <summary>See <see cref="SessionIds.IdOf"/>.</summary>
    internal string Id => _id ??= SessionIds.IdOf(CookieKey);

    /// <summary>See <see cref="SessionIds.LogHashOf"/>.</summary>
    internal string LogHash => _logHash ??= SessionIds.LogHashOf(Id);

    /// <summary>A random key of the engine's making; nothing is stored under it yet.</summary>
    internal static SessionStoreKey New() => new(SessionIds.NewStoreKey(), mayHaveEntry: false);
}
