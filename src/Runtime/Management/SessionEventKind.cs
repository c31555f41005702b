namespace TypedSession;

/// <summary>What happened to a session (<see cref="SessionEvent.Kind"/>).</summary>
public enum SessionEventKind
{
    /// <summary>A new session was first stored.</summary>
    Created,

    /// <summary><see cref="ISessionLifecycle.LogInAsync"/> recorded a user (under a new id: see <see cref="SessionEvent.PreviousSessionId"/>).</summary>
    LoggedIn,

    /// <summary>The session moved to a new id (<see cref="ISessionLifecycle.RegenerateIdAsync"/>) without a login.</summary>
    Regenerated,

    /// <summary>The session was destroyed or logged out by its own request.</summary>
    Destroyed,

    /// <summary>The session was ended from elsewhere: <see cref="ISessionDirectory"/>, or evicted by <see cref="TypedSessionOptions.MaxSessionsPerUser"/>.</summary>
    Revoked,

    /// <summary>A logged-in session's expiry passed; noticed by the expiry sweep within <see cref="TypedSessionOptions.ExpirySweepInterval"/>.</summary>
    Expired,
}
