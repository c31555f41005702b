namespace TypedSession.Stores;

/// <summary>A session as a store loaded it.</summary>
/// <param name="Values">The session's values by key.</param>
/// <param name="CreatedAt">When the session was created; the absolute lifetime counts from here.</param>
/// <param name="RefreshedAt">When its idle expiry was last extended (by a commit or a refresh).</param>
public sealed record SessionEntry(
    IReadOnlyDictionary<string, byte[]> Values,
    DateTimeOffset CreatedAt,
    DateTimeOffset RefreshedAt)
{
    /// <summary>
    /// The user chose to be remembered on this device (<see cref="ISessionLifecycle.RememberMe"/>): the session has the
    /// longer idle window (<see cref="TypedSessionOptions.PersistentIdleTimeout"/>) and a cookie with an expiry.
    /// </summary>
    public bool IsPersistent { get; init; }

    /// <summary>The user the session is logged in as (see <see cref="SessionCommit.Owner"/>), or <see langword="null"/>.</summary>
    public SessionOwner? Owner { get; init; }
}
