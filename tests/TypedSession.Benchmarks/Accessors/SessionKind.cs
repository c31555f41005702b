namespace TypedSession.Benchmarks.Accessors;

/// <summary>Which <c>ISession</c> implementation the accessor benchmarks run over.</summary>
public enum SessionKind
{
    /// <summary>ASP.NET Core's own <c>DistributedSession</c> over <c>MemoryDistributedCache</c>.</summary>
    Stock,

    /// <summary>TypedSession's engine session (<c>AddTypedSessionEngine()</c>) over its default store, the native in-memory one.</summary>
    Engine,
}
