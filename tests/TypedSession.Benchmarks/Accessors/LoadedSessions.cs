using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace TypedSession.Benchmarks.Accessors;

/// <summary>
/// Builds the session a request handler sees: written and committed by an earlier request, then created for this
/// request by the session store and loaded with <see cref="ISession.LoadAsync(CancellationToken)"/>, as the
/// middleware and TypedSession's binding do before the handler runs.
/// </summary>
public static class LoadedSessions
{
    /// <summary>The idle timeout every benchmark session is created with (the stock default).</summary>
    public static TimeSpan IdleTimeout { get; } = TimeSpan.FromMinutes(20);

    /// <summary>The I/O timeout every benchmark session is created with (the stock default).</summary>
    public static TimeSpan IoTimeout { get; } = TimeSpan.FromMinutes(1);

    /// <summary>A loaded session of <paramref name="kind"/> holding <see cref="SessionValuesFixture"/>'s values.</summary>
    public static ISession Create(SessionKind kind)
    {
        var store = CreateStore(kind);
        return Load(store, StartSession(store));
    }

    /// <summary>The session store (the middleware's <see cref="ISessionStore"/>) of <paramref name="kind"/>, over a new in-memory cache.</summary>
    public static ISessionStore CreateStore(SessionKind kind) => kind switch
    {
        SessionKind.Stock => new DistributedSessionStore(
            new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), NullLoggerFactory.Instance),
        SessionKind.Engine => EngineStore(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown session kind."),
    };

    /// <summary>An earlier request: starts a session in <paramref name="store"/>, seeds it and commits; returns its key.</summary>
    public static string StartSession(ISessionStore store)
    {
        var sessionKey = Guid.NewGuid().ToString();
        var earlierRequest = store.Create(sessionKey, IdleTimeout, IoTimeout, static () => true, isNewSessionKey: true);
        SessionValuesFixture.Seed(earlierRequest);
        earlierRequest.CommitAsync().GetAwaiter().GetResult();
        return sessionKey;
    }

    /// <summary>
    /// The engine over the <c>IDistributedCache</c> adapter (one blob per session), as an application that registers a
    /// cache of its own gets it: here a <see cref="MemoryDistributedCache"/> instance, the store the engine defaulted to
    /// before its native in-memory store.
    /// </summary>
    public static ISessionStore CreateEngineOverDistributedCache() =>
        EngineStore(services => services.AddSingleton<IDistributedCache>(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()))));

    // The engine as an application registers it: AddTypedSessionEngine() with its default, native in-memory store.
    private static ISessionStore EngineStore(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure?.Invoke(services);
        services.AddTypedSessionEngine();
        var store = services.BuildServiceProvider().GetRequiredService<ISessionStore>();
        return store is SessionEngine ? store : throw new InvalidOperationException($"AddTypedSessionEngine() registered {store.GetType()}, not the engine.");
    }

    private static ISession Load(ISessionStore store, string sessionKey)
    {
        var thisRequest = store.Create(sessionKey, IdleTimeout, IoTimeout, static () => true, isNewSessionKey: false);
        thisRequest.LoadAsync().GetAwaiter().GetResult();
        if (thisRequest.GetString(SessionValuesFixture.UsernameKey) != SessionValuesFixture.Username)
        {
            throw new InvalidOperationException($"The {store.GetType().Name} session did not load the values an earlier request committed.");
        }
        return thisRequest;
    }
}
