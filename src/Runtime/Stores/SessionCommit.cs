namespace TypedSession.Stores;

/// <summary>What one request changed in a session, and the session as the request leaves it.</summary>
/// <param name="Values">
/// Every value of the session after this request's changes: what a blob store writes. It is the session's own
/// dictionary, valid until the store's <see cref="ITypedSessionStore.CommitAsync"/> task completes: a store that keeps
/// values beyond that copies them.
/// </param>
/// <param name="Changed">The keys this request set, with their new values: what a per-key store writes.</param>
/// <param name="Removed">The keys this request removed.</param>
/// <param name="ReplaceAll">
/// <see langword="true"/> when the stored entry must be replaced whole by <see cref="Values"/> (a new or regenerated
/// session, or one that was cleared, which is an update: see <see cref="CreatesEntry"/>), so a per-key store must drop keys it holds that are not in <see cref="Values"/>.
/// </param>
/// <param name="CreatedAt">When the session was created.</param>
/// <param name="Expiry">How long to keep the session from now.</param>
public sealed record SessionCommit(
    IReadOnlyDictionary<string, byte[]> Values,
    IReadOnlyDictionary<string, byte[]> Changed,
    IReadOnlyCollection<string> Removed,
    bool ReplaceAll,
    DateTimeOffset CreatedAt,
    SessionExpiry Expiry)
{
    /// <summary>
    /// <see langword="true"/> when the engine writes a key of its own making for the first time (a new or regenerated
    /// session): the store creates the entry whole from <see cref="Values"/>. <see langword="false"/> for every other
    /// commit, an update that the store applies only if the entry still exists (see
    /// <see cref="ITypedSessionStore.CommitAsync"/>). Implies <see cref="ReplaceAll"/>.
    /// </summary>
    public bool CreatesEntry { get; init; }

    /// <summary>
    /// Whether the session is remembered (<see cref="ISessionLifecycle.RememberMe"/>), stored with every commit so that
    /// it survives a regenerate and a store's refresh of a session the engine did not load (see
    /// <see cref="SessionExpiry.PersistentIdleTimeout"/>) can tell the windows apart. <see cref="Expiry"/> already
    /// carries the session's own idle window.
    /// </summary>
    public bool IsPersistent { get; init; }

    /// <summary>
    /// The user a logged-in session belongs to, stored with the session; <see langword="null"/> for an anonymous one. An
    /// <see cref="ISessionIndexStore"/> moves the session's index entry with every commit that carries it.
    /// </summary>
    public SessionOwner? Owner { get; init; }
}
