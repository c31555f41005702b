using Microsoft.AspNetCore.Http;

namespace TypedSession;

/// <summary>
/// A session's side of its request's response: which cookie the response carries, and the one response-start hook.
/// <see cref="SessionCookieState"/> decides as the response starts; this class knows the request, asks for the decision
/// when something may change it, carries it out with <see cref="SessionCookie"/>, and records sent cookies in the engine's
/// <see cref="SessionRefreshMemo"/> so that a rolling cookie is re-sent once per window. The hook also calls the session
/// back (<see cref="EngineSession.OnResponseStartingAsync"/>) so that it can commit while a failure can still fail the
/// request.
/// </summary>
internal sealed class SessionResponse
{
    private readonly SessionEngine _engine;
    private readonly EngineSession _session;
    private readonly HttpContext? _context;
    private readonly Func<bool> _tryEstablishSession;
    private bool _hooked;

    // Whether the session was remembered when a roll was asked for before it was loaded (from the engine's memo): the
    // cookie is re-sent with that expiry unless a load tells otherwise.
    private bool _rollPersistent;

    internal SessionResponse(SessionEngine engine, EngineSession session, HttpContext? context, Func<bool> tryEstablishSession, bool cookieCameIn)
    {
        _engine = engine;
        _session = session;
        _context = context;
        _tryEstablishSession = tryEstablishSession;
        Cookie = new SessionCookieState(cookieCameIn);
    }

    internal SessionCookieState Cookie { get; }

    /// <summary>A value was set: the client must hold a cookie for the current key (see <see cref="SessionCookieState.Establish"/>).</summary>
    internal void Establish()
    {
        if (Cookie.Establish(_context?.Response, _tryEstablishSession))
        {
            Hook();
        }
    }

    /// <summary>Throws when this response can no longer carry a cookie of the engine's own (see <see cref="SessionCookie.RequireCanSend"/>).</summary>
    internal void RequireCanSend(string operation) =>
        SessionCookie.RequireCanSend(_context, _engine.SessionOptions, Cookie.CookieCameIn, operation);

    /// <summary>After a regenerate: this response carries the new key's cookie.</summary>
    internal void IssueForNewKey()
    {
        Cookie.IssueForNewKey();
        Hook();
    }

    /// <summary>After a destroy: this response expires the client's cookie, if it still can.</summary>
    internal void ExpireOnDestroy(string logHash)
    {
        if (_context is null)
        {
            return;
        }
        if (_context.Response.HasStarted)
        {
            SessionEngineLog.DestroyedAfterResponseStarted(_engine.Logger, logHash);
            return;
        }
        Cookie.ExpireOnDestroy();
        Hook();
    }

    /// <summary>
    /// Re-sends the client's cookie with a moved expiry when one is due: at most once per roll window
    /// (<see cref="SessionCookie.RollWindow"/>) per instance, whether or not the request uses the session, so that an
    /// active user is not logged out at "cookie sent + max age" while the session lives on. Only a cookie with an
    /// expiry rolls.
    /// </summary>
    internal void RollIfDue(string storageKey, bool persistent, TimeSpan idleWindow)
    {
        var options = _engine.SessionOptions;
        if (!SessionCookie.Rolls(options, persistent) || !CanResend())
        {
            return;
        }
        var window = SessionCookie.RollWindow(options, persistent, idleWindow, _engine.Options.RefreshThreshold);
        if (SessionRefreshMemo.Entry.Passed(_engine.RefreshMemo.Find(storageKey).CookieSentAtTicks, window, _engine.Time.GetUtcNow()))
        {
            Resend(persistent);
        }
    }

    /// <summary>
    /// Re-sends the client's cookie in this response whatever the memo says (a touch, or a change of remember-me, which
    /// changes the cookie's expiry), when the response can still carry it.
    /// </summary>
    internal void Resend(bool persistent)
    {
        if (CanResend() && Cookie.Roll())
        {
            _rollPersistent = persistent;
            Hook();
        }
    }

    /// <summary>Hooks the response start once; nothing when there is no request or its response has started.</summary>
    internal void Hook()
    {
        if (_hooked || _context is null || _context.Response.HasStarted)
        {
            return;
        }
        _hooked = true;
        _context.Response.OnStarting(static state => ((EngineSession)state).OnResponseStartingAsync(), _session);
    }

    /// <summary>
    /// Decides and sends the cookie as the response starts (called from <see cref="EngineSession.OnResponseStartingAsync"/>).
    /// </summary>
    /// <param name="sessionStored">See <see cref="SessionCookieState.DecideAtResponseStart"/>.</param>
    /// <param name="key">The session's current key.</param>
    /// <param name="lifetime">The session's lifetime: whether it is remembered, when loaded, and so the cookie's expiry.</param>
    internal void SendCookie(bool sessionStored, SessionStoreKey key, SessionLifetime lifetime)
    {
        var decision = Cookie.DecideAtResponseStart(sessionStored);
        if (decision == CookieDecision.None)
        {
            return;
        }
        var now = _engine.Time.GetUtcNow();
        var persistent = lifetime.IsLoaded ? lifetime.IsPersistent : _rollPersistent;
        var maxAge = lifetime.IsLoaded ? lifetime.PersistentCookieMaxAge(now) : lifetime.PersistentCookieMaxAge(now, persistent, _engine.RefreshMemo.Find(key.StorageKey).CreatedAt);
        SessionCookie.Apply(decision, _context!, _engine, key.CookieKey, maxAge, _tryEstablishSession);
        if (decision != CookieDecision.Expire && SessionCookie.Rolls(_engine.SessionOptions, persistent))
        {
            _engine.RefreshMemo.CookieSent(key.StorageKey, now);
        }
    }

    // Only before the response starts, and only the cookie the client sent under the name the engine writes (a
    // middleware given its own SessionOptions may read another).
    private bool CanResend() =>
        _context is { Response.HasStarted: false } context && context.Request.Cookies.ContainsKey(_engine.SessionOptions.Cookie.Name!);
}
