namespace TypedSession.Generator.Analyzers.Pipeline;

/// <summary>Whether a middleware reads or writes the session, as far as the code in view tells.</summary>
internal enum SessionUse
{
    /// <summary>No session access found.</summary>
    None,

    /// <summary>The middleware reaches the session (<c>HttpContext.Session</c>, <c>ISessionFeature</c>, a <c>[Session]</c> class).</summary>
    Uses,

    /// <summary>The answer depends on method bodies in other files; it is settled at the end of the compilation.</summary>
    Undecided,
}
