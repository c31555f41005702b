namespace TypedSession.Generator.Analyzers;

/// <summary>Kinds of names <see cref="CompilationSessionIndex"/> looks for in the syntax of a compilation.</summary>
internal enum SessionName
{
    /// <summary><c>UseSession</c>.</summary>
    UseSession,

    /// <summary><c>AddSession</c>.</summary>
    AddSession,

    /// <summary><c>AddTypedSession</c>, <c>AddTypedSessionEngine</c>: the engine, which registers what <c>UseSession()</c> needs and a cache.</summary>
    TypedSessionEngine,

    /// <summary>A name containing "Cache" (except the framework's non-distributed caches), <c>IDistributedCache</c>, <c>ISessionStore</c>.</summary>
    DistributedCache,

    /// <summary><c>SecurePolicy</c>, <c>Secure</c> (cookie policy), <c>SessionOptions</c>: the session cookie may be configured there.</summary>
    CookieSecurity,
}
