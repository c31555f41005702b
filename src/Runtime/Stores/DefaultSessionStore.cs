using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSession.Stores;

/// <summary>The store <c>AddTypedSessionEngine()</c> registers when the application registers none.</summary>
internal static class DefaultSessionStore
{
    /// <summary>
    /// The native in-memory store (<see cref="MemorySessionStore"/>) when the <see cref="IDistributedCache"/> that
    /// <paramref name="registrations"/> resolve to is the one <c>AddDistributedMemoryCache()</c> registers (the engine
    /// adds it when the application has none): the same kind of storage, but per key and with a per-user index. The
    /// <see cref="IDistributedCache"/> adapter (<see cref="DistributedCacheSessionStore"/>) over any cache the application
    /// registered itself (SQL Server, Redis through the stock cache, an instance or a type of its own, even a
    /// <see cref="MemoryDistributedCache"/> instance it shares), so that sessions go where the application sends its
    /// cache.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="registrations">
    /// The application's registrations, read when the store is first resolved, when they are complete: the last
    /// registration of <see cref="IDistributedCache"/> is the one that resolves, whatever the order of the calls.
    /// </param>
    public static ITypedSessionStore Create(IServiceProvider services, IServiceCollection registrations)
    {
        var timeProvider = services.GetService<TimeProvider>();
        return IsDistributedMemoryCache(registrations)
            ? new MemorySessionStore(timeProvider)
            : new DistributedCacheSessionStore(services.GetRequiredService<IDistributedCache>(), timeProvider);
    }

    private static bool IsDistributedMemoryCache(IServiceCollection registrations)
    {
        for (var i = registrations.Count - 1; i >= 0; i--)
        {
            var registration = registrations[i];
            if (registration.ServiceType == typeof(IDistributedCache) && !registration.IsKeyedService)
            {
                return registration.ImplementationType == typeof(MemoryDistributedCache);
            }
        }
        return true;
    }
}
