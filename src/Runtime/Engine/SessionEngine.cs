using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedSession.Stores;

namespace TypedSession;

/// <summary>
/// TypedSession's session engine: the <see cref="ISessionStore"/> behind the stock <c>app.UseSession()</c>. The stock
/// middleware keeps reading the cookie and calling <see cref="ISessionStore.Create"/>; the sessions this engine
/// creates add id regeneration, destroy, remember-me, an absolute lifetime, loud failures, a size budget and at most one
/// cheap refresh per window for requests that do not use the session, and they persist through an
/// <see cref="ITypedSessionStore"/>.
/// Registered by <c>AddTypedSessionEngine()</c> (and so by <c>AddTypedSession&lt;T&gt;()</c>).
/// </summary>
internal sealed class SessionEngine : ISessionStore, IDisposable
{
    private int _synchronousLoadReported;

    /// <summary>Creates the engine; the application's DI container calls this.</summary>
    /// <param name="store">Where sessions are kept.</param>
    /// <param name="options">The engine's own options.</param>
    /// <param name="sessionOptions">The stock session options: the cookie the engine writes on regenerate and destroy.</param>
    /// <param name="dataProtectionProvider">Protects cookies the same way the stock middleware does.</param>
    /// <param name="loggerFactory">Creates the engine's logger.</param>
    /// <param name="meterFactory">Creates the <c>TypedSession</c> meter.</param>
    /// <param name="timeProvider">The clock for creation, refresh and expiry times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="httpContextAccessor">
    /// Gives each session its request, for cookies; without it, regenerate and destroy cannot send cookies and throw.
    /// </param>
    /// <param name="eventHandlers">The application's <see cref="ISessionEvents"/>; none when <see langword="null"/>.</param>
    public SessionEngine(
        ITypedSessionStore store,
        IOptions<TypedSessionOptions> options,
        IOptions<SessionOptions> sessionOptions,
        IDataProtectionProvider dataProtectionProvider,
        ILoggerFactory loggerFactory,
        IMeterFactory meterFactory,
        TimeProvider? timeProvider = null,
        IHttpContextAccessor? httpContextAccessor = null,
        IEnumerable<ISessionEvents>? eventHandlers = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessionOptions);
        ArgumentNullException.ThrowIfNull(dataProtectionProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(meterFactory);
        Store = store;
        Options = options.Value;
        SessionOptions = sessionOptions.Value;
        Protector = dataProtectionProvider.CreateProtector(SessionCookie.ProtectorPurpose);
        Logger = loggerFactory.CreateLogger<SessionEngine>();
        Metrics = new SessionMetrics(meterFactory);
        GuardedStore = new GuardedSessionStore(store, Metrics, Logger);
        Time = timeProvider ?? TimeProvider.System;
        HttpContextAccessor = httpContextAccessor;
        Events = new SessionEventDispatcher(eventHandlers ?? [], Logger);
        SessionLimit = Options.MaxSessionsPerUser is { } max ? new SessionLimit(max, Options.SessionLimitPolicy) : null;
    }

    /// <summary>Where sessions' lifecycle events go (to the application's <see cref="ISessionEvents"/>).</summary>
    internal SessionEventDispatcher Events { get; }

    /// <summary>The per-user cap a login enforces, or <see langword="null"/>.</summary>
    internal SessionLimit? SessionLimit { get; }

    internal ITypedSessionStore Store { get; }

    // Every store call of every session goes through this: timeout, failure counting, logging and wrapping in one place.
    internal GuardedSessionStore GuardedStore { get; }

    internal TypedSessionOptions Options { get; }

    internal SessionOptions SessionOptions { get; }

    internal IDataProtector Protector { get; }

    internal ILogger Logger { get; }

    internal SessionMetrics Metrics { get; }

    internal TimeProvider Time { get; }

    internal IHttpContextAccessor? HttpContextAccessor { get; }

    // When this instance last extended each recent session and sent its cookie: lets requests that never load the
    // session keep it (and a cookie with a MaxAge) alive at most once per refresh window.
    internal SessionRefreshMemo RefreshMemo { get; } = new();

    /// <inheritdoc />
    public ISession Create(string sessionKey, TimeSpan idleTimeout, TimeSpan ioTimeout, Func<bool> tryEstablishSession, bool isNewSessionKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentNullException.ThrowIfNull(tryEstablishSession);

        // ISessionStore.Create receives no HttpContext, yet regenerate and destroy must send cookies and the commit
        // must hook Response.OnStarting. The stock middleware calls Create synchronously inside its Invoke, on the
        // request's own execution context, so IHttpContextAccessor holds exactly this request here. It is read once,
        // now, and kept in the session, never read again later from another context (the accessor's known pitfall).
        // The alternative, a middleware of our own in front of UseSession, would make the pipeline order a second
        // thing users must get right.
        var context = HttpContextAccessor?.HttpContext;
        return new EngineSession(this, context, sessionKey, idleTimeout, ioTimeout, tryEstablishSession, isNewSessionKey);
    }

    /// <summary>Stops the delivery of session events; the container disposes the engine with the application.</summary>
    public void Dispose() => Events.Dispose();

    // The hint about synchronous loads is worth one line per application, not one per request.
    internal void ReportSynchronousLoad()
    {
        if (Interlocked.Exchange(ref _synchronousLoadReported, 1) == 0)
        {
            SessionEngineLog.SynchronousLoad(Logger);
        }
    }
}
