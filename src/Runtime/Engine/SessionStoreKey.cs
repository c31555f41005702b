namespace TypedSession;

/// <summary>
/// The key a session is stored under (the secret its cookie carries), with what derives from it: the session id and the
/// hash logs see, both computed only when first asked for (each costs SHA-256 work that most requests never need), and
/// whether the store may hold an entry under it. A session that switches keys gets a new instance, so nothing derived
/// from the old key survives the switch.
/// </summary>
internal sealed class SessionStoreKey(string value, bool mayHaveEntry)
{
    private string? _id;
    private string? _logHash;

    internal string Value { get; } = value;

    /// <summary>
    /// The store may hold an entry under this key: false for a key made in this request until something is written
    /// under it, or once the load found nothing; a session whose key holds nothing is never looked up.
    /// </summary>
    internal bool MayHaveEntry { get; set; } = mayHaveEntry;

    /// <summary>See <see cref="SessionIds.IdOf"/>.</summary>
    internal string Id => _id ??= SessionIds.IdOf(Value);

    /// <summary>See <see cref="SessionIds.LogHashOf"/>.</summary>
    internal string LogHash => _logHash ??= SessionIds.LogHashOf(Id);

    /// <summary>A random key of the engine's making; nothing is stored under it yet.</summary>
    internal static SessionStoreKey New() => new(SessionIds.NewStoreKey(), mayHaveEntry: false);
}
