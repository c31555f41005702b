using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TypedSession;

// The session cookie exactly as the stock SessionMiddleware writes and reads it: the UTF-8 store key protected with
// the "SessionMiddleware" data protector, base64 without '=' padding, under SessionOptions.Cookie. A remembered session's
// cookie differs only in its expiry: persistentMaxAge, where every other cookie has Cookie.MaxAge (usually none).
internal static class SessionCookie
{
    // The purpose string the stock middleware uses (nameof(SessionMiddleware)); any other purpose makes cookies the
    // middleware cannot read.
    internal const string ProtectorPurpose = "SessionMiddleware";

    internal static string Protect(IDataProtector protector, string storeKey) =>
        Convert.ToBase64String(protector.Protect(Encoding.UTF8.GetBytes(storeKey))).TrimEnd('=');

    internal static void Issue(HttpContext context, SessionEngine engine, string storeKey, TimeSpan? persistentMaxAge) =>
        Send(context, engine, Protect(engine.Protector, storeKey), persistentMaxAge);

    // A rolling re-send: the very value the client sent (no new protection work), with the cookie's expiry from now.
    internal static void Roll(HttpContext context, SessionEngine engine, string storeKey, TimeSpan? persistentMaxAge) =>
        Send(
            context,
            engine,
            context.Request.Cookies[engine.SessionOptions.Cookie.Name!] is { Length: > 0 } sent ? sent : Protect(engine.Protector, storeKey),
            persistentMaxAge);

    private static void Send(HttpContext context, SessionEngine engine, string value, TimeSpan? persistentMaxAge)
    {
        var options = engine.SessionOptions;
        var now = engine.Time.GetUtcNow();
        var cookie = options.Cookie.Build(context, now);
        if (persistentMaxAge is { } maxAge)
        {
            cookie.MaxAge = maxAge;
            cookie.Expires = now + maxAge;
        }
        var response = context.Response;
        response.Cookies.Append(options.Cookie.Name!, value, cookie);
        // As the stock middleware does with a new cookie: a response that sets a session cookie must not be cached.
        response.Headers[HeaderNames.CacheControl] = "no-cache,no-store";
        response.Headers[HeaderNames.Pragma] = "no-cache";
        response.Headers[HeaderNames.Expires] = "-1";
    }

    /// <summary>
    /// Whether the cookie has an expiry (a remembered session's, or <c>Cookie.MaxAge</c>) and so must be re-sent to stay
    /// alive (rolling).
    /// </summary>
    internal static bool Rolls(SessionOptions options, bool persistent) =>
        persistent || options.Cookie.MaxAge is { } maxAge && maxAge > TimeSpan.Zero;

    /// <summary>
    /// How long after it was sent a rolling cookie is re-sent: <paramref name="refreshThreshold"/> of the shorter of its
    /// max age and the session's idle window, the same rule as the store's refresh, so that a cookie never dies before an
    /// active session and is not re-sent on every response. A remembered session's cookie lives as long as its window.
    /// </summary>
    internal static TimeSpan RollWindow(SessionOptions options, bool persistent, TimeSpan idleTimeout, double refreshThreshold)
    {
        var maxAge = persistent ? idleTimeout : options.Cookie.MaxAge ?? idleTimeout;
        return (maxAge < idleTimeout ? maxAge : idleTimeout) * refreshThreshold;
    }

    internal static void Expire(HttpContext context, SessionOptions options) =>
        context.Response.Cookies.Delete(options.Cookie.Name!, options.Cookie.Build(context));

    // Carries out what SessionCookieState decided as the response starts. The stock middleware can only send a cookie
    // without an expiry, so a remembered session's first cookie is the engine's even for the middleware's key.
    internal static void Apply(
        CookieDecision decision, HttpContext context, SessionEngine engine, string storeKey, TimeSpan? persistentMaxAge, Func<bool> tryEstablishSession)
    {
        switch (decision)
        {
            case CookieDecision.Issue:
            case CookieDecision.LetMiddlewareEstablish when persistentMaxAge is not null:
                Issue(context, engine, storeKey, persistentMaxAge);
                break;
            case CookieDecision.Roll:
                Roll(context, engine, storeKey, persistentMaxAge);
                break;
            case CookieDecision.Expire:
                Expire(context, engine.SessionOptions);
                break;
            case CookieDecision.LetMiddlewareEstablish:
                tryEstablishSession();
                break;
        }
    }

    // Regenerate sends a cookie of the engine's own and must not go on without it: only possible inside a request whose response has not
    // started, and only under the cookie name the middleware read (SessionOptions in the service container).
    internal static void RequireCanSend(HttpContext? context, SessionOptions options, bool cookieCameIn, string operation)
    {
        if (context is null)
        {
            throw new InvalidOperationException(
                $"{operation} must send a new session cookie, but this session was created outside an HTTP request. " +
                "Use it on the session of the current request (HttpContext.Session or the typed session class).");
        }
        if (context.Response.HasStarted)
        {
            throw new InvalidOperationException(
                $"{operation} must send a new session cookie, but the response has already started. Call it before writing to the response.");
        }
        var cookieName = options.Cookie.Name!;
        if (cookieCameIn && !context.Request.Cookies.ContainsKey(cookieName))
        {
            throw new InvalidOperationException(
                $"{operation} must send a new session cookie named '{cookieName}' (the SessionOptions in the service container), but the session " +
                "middleware read the session from a differently named cookie: it was given its own SessionOptions in app.UseSession(...). " +
                "Configure the session with builder.Services.AddSession(options => ...) and call app.UseSession() without options.");
        }
    }
}
