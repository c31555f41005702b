using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSession.Stores;

/// <summary>The store <c>AddTypedSessionEngine()</c> registers when the application registers none.</summary>
internal static class DefaultSessionStore
{
    /// <summary>
    /// The native in-memory store (<see cref="MemorySessionStore"/>) when the application's
    /// <see cref="IDistributedCache"/> is the in-process <see cref="MemoryDistributedCache"/> that
    /// <c>AddDistributedMemoryCache()</c> registers (the engine adds it when the application has none): the same kind of
    /// storage, per key and with a per-user index. The <see cref="IDistributedCache"/> adapter
    /// (<see cref="DistributedCacheSessionStore"/>) over any other cache the application registered (SQL Server, Redis
    /// through the stock cache, one of its own), so that sessions go where the application sends its cache.
    /// </summary>
    public static ITypedSessionStore Create(IServiceProvider services)
    {
        var timeProvider = services.GetService<TimeProvider>();
        var cache = services.GetRequiredService<IDistributedCache>();
        return cache.GetType() == typeof(MemoryDistributedCache)
            ? new MemorySessionStore(timeProvider)
            : new DistributedCacheSessionStore(cache, timeProvider);
    }
}
