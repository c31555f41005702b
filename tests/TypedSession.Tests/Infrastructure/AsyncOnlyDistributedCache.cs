using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;

namespace TypedSession.Tests.Infrastructure;

/// <summary>
/// An in-memory <see cref="IDistributedCache"/> whose synchronous members throw and are counted: the stock session
/// swallows load errors, so the count is what proves that no synchronous store I/O happened.
/// </summary>
public sealed class AsyncOnlyDistributedCache : IDistributedCache
{
    private readonly ConcurrentDictionary<string, byte[]> entries = new();
    private int loads;
    private int synchronousCalls;

    /// <summary>Calls of <see cref="GetAsync"/>: session loads (the stock session also reads before a write when Information logging is on).</summary>
    public int Loads => Volatile.Read(ref loads);

    /// <summary>Calls of any synchronous member.</summary>
    public int SynchronousCalls => Volatile.Read(ref synchronousCalls);

    /// <inheritdoc />
    public byte[]? Get(string key) => throw Synchronous(nameof(Get));

    /// <inheritdoc />
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw Synchronous(nameof(Set));

    /// <inheritdoc />
    public void Refresh(string key) => throw Synchronous(nameof(Refresh));

    /// <inheritdoc />
    public void Remove(string key) => throw Synchronous(nameof(Remove));

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        Interlocked.Increment(ref loads);
        return Task.FromResult(entries.TryGetValue(key, out var value) ? value : null);
    }

    /// <inheritdoc />
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        entries[key] = value;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private InvalidOperationException Synchronous(string member)
    {
        Interlocked.Increment(ref synchronousCalls);
        return new InvalidOperationException($"Synchronous IDistributedCache.{member} called: the session was not loaded with LoadAsync first.");
    }
}
