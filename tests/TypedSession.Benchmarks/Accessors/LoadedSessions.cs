using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
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
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan IoTimeout = TimeSpan.FromMinutes(1);

    /// <summary>A loaded session of <paramref name="kind"/> holding <see cref="SessionValuesFixture"/>'s values.</summary>
    public static ISession Create(SessionKind kind) => kind switch
    {
        SessionKind.Stock => CreateStock(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown session kind."),
    };

    private static ISession CreateStock()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var store = new DistributedSessionStore(cache, NullLoggerFactory.Instance);
        var sessionKey = Guid.NewGuid().ToString();

        var earlierRequest = store.Create(sessionKey, IdleTimeout, IoTimeout, static () => true, isNewSessionKey: true);
        SessionValuesFixture.Seed(earlierRequest);
        earlierRequest.CommitAsync().GetAwaiter().GetResult();

        var thisRequest = store.Create(sessionKey, IdleTimeout, IoTimeout, static () => true, isNewSessionKey: false);
        thisRequest.LoadAsync().GetAwaiter().GetResult();
        if (thisRequest.GetString(SessionValuesFixture.UsernameKey) != SessionValuesFixture.Username)
        {
            throw new InvalidOperationException("The stock session did not load the values an earlier request committed.");
        }
        return thisRequest;
    }
}
