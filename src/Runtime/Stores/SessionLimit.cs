namespace TypedSession.Stores;

/// <summary>How many live sessions one user may have, and what a login beyond that does (<see cref="TypedSessionOptions.MaxSessionsPerUser"/>).</summary>
/// <param name="MaxSessions">At least 1.</param>
/// <param name="Policy">Evict the least recently used session, or refuse the new login.</param>
public readonly record struct SessionLimit(int MaxSessions, SessionLimitPolicy Policy);
