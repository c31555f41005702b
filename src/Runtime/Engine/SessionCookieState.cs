using Microsoft.AspNetCore.Http;

namespace TypedSession;

/// <summary>
/// Who sends the session cookie in this response, and whether one is due. Two parties can: the stock middleware, which
/// sends the cookie of the key it made when the session was "established" (its <c>tryEstablishSession</c> callback), and
/// the engine, which sends its own after it switched keys (regenerate, destroy, a foreign key) and expires the cookie on
/// destroy. The decision is taken when the response starts (<see cref="DecideAtResponseStart"/>), not when a value is
/// set, so that a regenerate or destroy later in the request still changes it.
/// </summary>
/// <remarks>
/// Holds no request: callers pass its response where a decision depends on it, so the decision table is testable alone.
/// A third reason to send a cookie is rolling (<see cref="Roll"/>): the client's cookie for the current key, re-sent
/// with a moved expiry when it has a <c>MaxAge</c> and a re-send is due; any other decision about the cookie wins over it.
/// </remarks>
internal sealed class SessionCookieState(bool cookieCameIn)
{
    internal const string EstablishAfterStartMessage =
        "The session cannot be established after the response has started: set a session value before writing to the response.";

    private CookieDecision _action;
    private bool _establishPending;
    private bool _rollPending;

    /// <summary>The request carried a valid session cookie (so destroy must expire it).</summary>
    internal bool CookieCameIn { get; } = cookieCameIn;

    /// <summary>The client holds no cookie for the current key: a value set now must establish one.</summary>
    internal bool KeyIsNew { get; private set; } = !cookieCameIn;

    /// <summary>
    /// The engine sends the cookie itself (after it switched keys); otherwise the stock middleware's establisher does,
    /// for the key it made.
    /// </summary>
    internal bool OwnsCookie { get; private set; }

    /// <summary>The session moved to a key of the engine's making, which no client holds yet.</summary>
    internal void KeySwitched()
    {
        KeyIsNew = true;
        OwnsCookie = true;
    }

    /// <summary>
    /// A value was set: makes sure the client will hold a cookie for the current key. Returns <see langword="true"/>
    /// when the decision is left to the response start, which the caller must then hook.
    /// </summary>
    /// <param name="response">The response of the session's request; <see langword="null"/> for a session created outside one.</param>
    /// <param name="tryEstablishSession">The stock middleware's establisher.</param>
    /// <exception cref="InvalidOperationException">No cookie can be sent any more, as with the stock session.</exception>
    internal bool Establish(HttpResponse? response, Func<bool> tryEstablishSession)
    {
        if (!KeyIsNew || _action == CookieDecision.Issue || _establishPending)
        {
            return false;
        }
        if (response is null)
        {
            // No request to hook: the stock establisher decides now, as with the stock session.
            if (OwnsCookie || !tryEstablishSession())
            {
                throw new InvalidOperationException(EstablishAfterStartMessage);
            }
            _establishPending = true;
            return false;
        }
        if (response.HasStarted)
        {
            throw new InvalidOperationException(EstablishAfterStartMessage);
        }
        // Decided when the response starts, not now: a regenerate or destroy later in the request must be able to keep
        // the stock middleware from sending the cookie of a key that no longer exists, and a session that ends the
        // request with nothing stored (set, then reload) sends none.
        _establishPending = true;
        return true;
    }

    /// <summary>After a regenerate: this response carries the cookie of the new key.</summary>
    internal void IssueForNewKey()
    {
        _action = CookieDecision.Issue;
        _establishPending = false;
        _rollPending = false;
    }

    /// <summary>After a destroy: this response expires the cookie the client sent, and sends none for the old key.</summary>
    internal void ExpireOnDestroy()
    {
        _action = CookieCameIn ? CookieDecision.Expire : CookieDecision.None;
        _establishPending = false;
        _rollPending = false;
    }

    /// <summary>
    /// The client's cookie for the current key is due to be re-sent with a moved expiry (a rolling cookie). Returns
    /// <see langword="true"/> when this response will re-send it unless something else decides about the cookie (the
    /// caller must then hook the response start); <see langword="false"/> when the client holds no cookie for the
    /// current key, whose cookie is then sent anyway.
    /// </summary>
    internal bool Roll()
    {
        if (KeyIsNew)
        {
            return false;
        }
        _rollPending = true;
        return true;
    }

    /// <summary>What the response carries, decided once as it starts; a later response start decides nothing again.</summary>
    /// <param name="sessionStored">
    /// The current key holds the session, or the request's pending changes will store it: only then is a cookie sent
    /// for it (a cookie for a key that holds nothing would only name a session that does not exist).
    /// </param>
    internal CookieDecision DecideAtResponseStart(bool sessionStored)
    {
        var decision = _action;
        if (_establishPending && KeyIsNew && sessionStored)
        {
            decision = OwnsCookie ? CookieDecision.Issue : CookieDecision.LetMiddlewareEstablish;
        }
        else if (!sessionStored)
        {
            // Nothing established: a value set after the response started throws, as with the stock session.
            _establishPending = false;
            if (decision == CookieDecision.Issue)
            {
                decision = CookieDecision.None;
            }
        }
        else if (decision == CookieDecision.None && _rollPending && !KeyIsNew)
        {
            decision = CookieDecision.Roll;
        }
        _action = CookieDecision.None;
        _rollPending = false;
        return decision;
    }
}
