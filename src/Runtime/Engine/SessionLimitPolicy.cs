namespace TypedSession;

/// <summary>What a login does when its user already has <see cref="TypedSessionOptions.MaxSessionsPerUser"/> live sessions.</summary>
public enum SessionLimitPolicy
{
    /// <summary>The user's least recently used session is revoked (deleted, and a Revoked event raised) to make room.</summary>
    EvictLeastRecentlyUsed,

    /// <summary>The new login fails with <see cref="SessionLimitExceededException"/>; the existing sessions stay.</summary>
    RefuseNewLogin,
}
