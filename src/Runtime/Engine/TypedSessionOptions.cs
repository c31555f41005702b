namespace TypedSession;

/// <summary>
/// Options of TypedSession's session engine, on top of the stock <see cref="Microsoft.AspNetCore.Builder.SessionOptions"/>
/// (whose <c>IdleTimeout</c>, <c>IOTimeout</c> and <c>Cookie</c> the engine keeps using). Set them with
/// <c>AddTypedSessionEngine(o =&gt; ...)</c> or <c>services.Configure&lt;TypedSessionOptions&gt;(...)</c>; they are
/// validated when the application starts.
/// </summary>
public sealed class TypedSessionOptions
{
    /// <summary>The default of <see cref="MaxSessionBytes"/>: 64 KiB.</summary>
    public const int DefaultMaxSessionBytes = 64 * 1024;

    /// <summary>
    /// How long a session may live since it was created, however active it is (like scs's <c>Lifetime</c>);
    /// <see langword="null"/> (the default) for no limit beyond the idle timeout. Enforced when the session is loaded
    /// and passed to the store as the entry's latest expiry. Regenerating the id keeps the creation time.
    /// </summary>
    public TimeSpan? AbsoluteLifetime { get; set; }

    /// <summary>The default of <see cref="PersistentIdleTimeout"/>: 30 days.</summary>
    public static readonly TimeSpan DefaultPersistentIdleTimeout = TimeSpan.FromDays(30);

    /// <summary>
    /// The idle window of a remembered session (<see cref="ISessionLifecycle.RememberMe"/>), instead of
    /// <c>SessionOptions.IdleTimeout</c>, and the <c>Max-Age</c> of its cookie, which is persistent and rolls like a
    /// cookie with <c>Cookie.MaxAge</c>. Both stay within <see cref="AbsoluteLifetime"/>. Default 30 days
    /// (<see cref="DefaultPersistentIdleTimeout"/>).
    /// </summary>
    public TimeSpan PersistentIdleTimeout { get; set; } = DefaultPersistentIdleTimeout;

    /// <summary>
    /// How many live logged-in sessions one user may have (<see cref="ISessionLifecycle.LogInAsync"/>);
    /// <see langword="null"/> (the default) for no limit. Enforced atomically by the store, so simultaneous logins
    /// cannot exceed it; what a login beyond it does is <see cref="SessionLimitPolicy"/>. Needs a store with a per-user
    /// index (memory, SQLite, Redis).
    /// </summary>
    public int? MaxSessionsPerUser { get; set; }

    /// <summary>What a login beyond <see cref="MaxSessionsPerUser"/> does; default <see cref="SessionLimitPolicy.EvictLeastRecentlyUsed"/>.</summary>
    public SessionLimitPolicy SessionLimitPolicy { get; set; } = SessionLimitPolicy.EvictLeastRecentlyUsed;

    /// <summary>
    /// How often each instance takes expired logged-in sessions from the store's index and raises
    /// <see cref="SessionEventKind.Expired"/> for them: the longest delay between an expiry and its event (default one
    /// minute). Expiry is found from the index, not from Redis keyspace notifications, so it survives a Redis restart and
    /// works on a cluster.
    /// </summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The part of the idle timeout (between 0 and 1) that must have passed since the session was last written or
    /// refreshed before a request that only reads it extends its expiry. Default 0.25: with the stock 20-minute idle
    /// timeout an active session costs at most one refresh per 5 minutes, and lives at least 15 and at most
    /// 20 minutes after its last request. The same part of a cookie's life (the shorter of its max age and the idle
    /// window) passes before a cookie with an expiry is re-sent (rolling). 0 refreshes on every read-only request, like
    /// the stock session.
    /// </summary>
    public double RefreshThreshold { get; set; } = 0.25;

    /// <summary>
    /// The largest a session may grow, counting the UTF-8 bytes of every key and value. A write that would make the
    /// session larger than this throws <see cref="SessionTooLargeException"/> at once, naming the key and the sizes.
    /// Default <see cref="DefaultMaxSessionBytes"/>.
    /// </summary>
    public int MaxSessionBytes { get; set; } = DefaultMaxSessionBytes;

    /// <summary>
    /// When <see langword="true"/> (the default), the engine writes the session's changes just before the response
    /// starts, so that a failed write fails the request (the handler's first write, or the end of the request, throws
    /// <see cref="SessionUnavailableException"/> and the client gets an error) instead of being logged after a
    /// success was sent: the stock middleware commits after the response and swallows the error. The total work is the
    /// same; changes made after the response started are still committed at the end of the request, where a failure
    /// can only be logged and counted. <see langword="false"/> keeps the stock timing for every commit.
    /// </summary>
    public bool FailRequestOnCommitFailure { get; set; } = true;
}
