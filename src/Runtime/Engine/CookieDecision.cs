namespace TypedSession;

/// <summary>What a response does with the session cookie, decided by <see cref="SessionCookieState"/> as it starts.</summary>
internal enum CookieDecision
{
    /// <summary>Nothing: the client keeps the cookie it has, or gets none.</summary>
    None,

    /// <summary>The engine sends the cookie of the current key: a key of its making, or a rolling re-send with a moved expiry.</summary>
    Issue,

    /// <summary>The engine expires the cookie the client sent.</summary>
    Expire,

    /// <summary>The stock middleware sends the cookie of the key it made: the engine calls its establisher.</summary>
    LetMiddlewareEstablish,
}
