namespace TypedSession.Stores;

/// <summary>One logged-in session as a store's per-user index knows it (<see cref="ISessionIndexStore"/>).</summary>
/// <param name="StorageKey">The key the store keeps the session under.</param>
/// <param name="Owner">The user, the session's id and the device.</param>
/// <param name="CreatedAt">When the session was created.</param>
/// <param name="LastAccessedAt">When its expiry was last extended (a write or a refresh).</param>
/// <param name="ExpiresAt">When it expires unless extended again.</param>
/// <param name="IsPersistent">Whether it is remembered (<see cref="ISessionLifecycle.RememberMe"/>).</param>
public sealed record IndexedSession(
    string StorageKey,
    SessionOwner Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastAccessedAt,
    DateTimeOffset ExpiresAt,
    bool IsPersistent);
