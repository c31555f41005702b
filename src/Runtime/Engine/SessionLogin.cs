namespace TypedSession;

/// <summary>What <see cref="ISessionLifecycle.LogInAsync"/> was asked for.</summary>
internal readonly record struct SessionLogin(string UserId, bool Persistent, string? Device);
