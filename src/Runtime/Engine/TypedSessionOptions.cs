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

    /// <summary>The default of <see cref="CookieCacheSize"/>: 10,000 cookies.</summary>
    public const int DefaultCookieCacheSize = 10_000;

    /// <summary>The default of <see cref="CookieCacheDuration"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultCookieCacheDuration = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many session cookies each instance remembers as already unprotected. The stock session middleware unprotects
    /// the cookie with Data Protection on every request (tens of microseconds, several times the session's own work);
    /// a cookie this instance has opened or issued before is a dictionary lookup instead. Only cookies that Data Protection
    /// opened are remembered, so a tampered or foreign cookie is refused exactly as without the cache. When full, expired
    /// entries and issued cookies that never came back are dropped, then everything if needed. Default
    /// <see cref="DefaultCookieCacheSize"/> (about 3 MB at most); 0 turns the cache off.
    /// </summary>
    /// <remarks>
    /// The cache sits in the application's <c>IDataProtectionProvider</c> as registered when
    /// <c>AddTypedSessionEngine()</c> runs; an <c>IDataProtectionProvider</c> the application registers after it (or
    /// <c>UseEphemeralDataProtectionProvider()</c> called after it) replaces it, and sessions then run without the cache.
    /// </remarks>
    public int CookieCacheSize { get; set; } = DefaultCookieCacheSize;

    /// <summary>
    /// How long a remembered session cookie stays remembered (see <see cref="CookieCacheSize"/>): the longest a cookie
    /// under a Data Protection key revoked on another instance keeps opening on this one. A key revoked in this process
    /// (<c>IKeyManager.RevokeKey</c>, <c>RevokeAllKeys</c>) clears the cache at once. The stock key ring re-reads
    /// revocations from the key store only every 24 hours, so any duration shorter than that keeps revocation at least as
    /// prompt as without the cache. Default <see cref="DefaultCookieCacheDuration"/>; must be positive.
    /// </summary>
    public TimeSpan CookieCacheDuration { get; set; } = DefaultCookieCacheDuration;

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
