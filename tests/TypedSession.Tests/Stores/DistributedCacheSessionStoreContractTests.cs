using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TypedSession.Stores;

namespace TypedSession.Tests.Stores;

/// <summary>
/// The <see cref="IDistributedCache"/> adapter over the in-memory cache: the contract every store keeps. Its guarded
/// update is a read before the write, not atomic, so it is not held to the race test of the native stores.
/// </summary>
public sealed class DistributedCacheSessionStoreContractTests : SessionStoreContractTests
{
    public DistributedCacheSessionStoreContractTests() =>
        Store = new DistributedCacheSessionStore(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));

    protected override ITypedSessionStore Store { get; }
}
