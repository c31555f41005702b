namespace TypedSession;

/// <summary>What a response does with the session cookie, decided by <see cref="SessionCookieState"/> as it starts.</summary>
internal enum CookieDecision
{
    /// <summary>Nothing: the client keeps the cookie it has, or gets none.</summary>
    None,

    /// <summary>The engine sends the cookie of the current key.</summary>
    Issue,

    /// <summary>The engine expires the cookie the client sent.</summary>
    Expire,

    /// <summary>The engine re-sends the cookie the client sent, with a moved expiry (a rolling cookie).</summary>
    Roll,

    /// <summary>The stock middleware sends the cookie of the key it made: the engine calls its establisher.</summary>
    LetMiddlewareEstablish,
}
