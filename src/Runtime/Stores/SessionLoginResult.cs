namespace TypedSession.Stores;

/// <summary>What <see cref="ISessionIndexStore.LogInAsync"/> did.</summary>
/// <param name="Refused">
/// The user already had <see cref="SessionLimit.MaxSessions"/> live sessions and the policy is
/// <see cref="SessionLimitPolicy.RefuseNewLogin"/>: nothing was written.
/// </param>
/// <param name="Evicted">
/// The sessions deleted to make room (<see cref="SessionLimitPolicy.EvictLeastRecentlyUsed"/>), least recently used
/// first; empty when none had to go.
/// </param>
public sealed record SessionLoginResult(bool Refused, IReadOnlyList<IndexedSession> Evicted)
{
    /// <summary>The login was stored and nothing was evicted.</summary>
    public static SessionLoginResult Stored { get; } = new(false, []);

    /// <summary>The login was refused.</summary>
    public static SessionLoginResult RefusedAtLimit { get; } = new(true, []);
}
