using Microsoft.Extensions.Caching.Distributed;

namespace TypedSession.Stores;

/// <summary>
/// Keeps each session as one compact, versioned blob (its values plus creation and refresh times) in any
/// <see cref="IDistributedCache"/>: memory, SQL Server, SQLite, or Redis through the stock cache. The default store of
/// the engine.
/// </summary>
/// <remarks>
/// <para>
/// Entries live under the bare session key, as with the stock session, and the store also reads the stock
/// session's blob format: an application that switches to TypedSession keeps its users' sessions (the first write
/// converts an entry to this store's format, which the stock session cannot read back).
/// </para>
/// <para>
/// Expiry: every write sets the entry's time to live to <see cref="SessionExpiry.TimeToLive"/> (idle timeout cut short
/// by the absolute lifetime), with no sliding expiration, so a read is a single get. A refresh reads the entry and
/// writes it back with a new refresh time; the engine asks for one only when a meaningful part of the idle window has
/// passed.
/// </para>
/// <para>
/// Concurrency: a whole-blob store, so of two requests of one session that write at the same time, the later write
/// wins whole (as with the stock session); a refresh landing between them can likewise restore the values it read.
/// Entries are never mixed or corrupted. Use the Redis-native store when concurrent writes to different keys must
/// all persist.
/// </para>
/// </remarks>
internal sealed class DistributedCacheSessionStore : ITypedSessionStore
{
    private readonly IDistributedCache _cache;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the store over <paramref name="cache"/>.</summary>
    /// <param name="cache">Where the blobs go.</param>
    /// <param name="timeProvider">Dates sessions read in the stock format, which records no times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public DistributedCacheSessionStore(IDistributedCache cache, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<SessionEntry?> LoadAsync(string storeKey, CancellationToken cancellationToken)
    {
        var blob = await _cache.GetAsync(storeKey, cancellationToken).ConfigureAwait(false);
        return blob is null ? null : SessionBlob.Read(blob, _timeProvider.GetUtcNow());
    }

    /// <inheritdoc />
    public Task CommitAsync(string storeKey, SessionCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var timeToLive = commit.Expiry.TimeToLive;
        if (timeToLive <= TimeSpan.Zero)
        {
            return _cache.RemoveAsync(storeKey, cancellationToken);
        }
        var blob = SessionBlob.Write(commit.Values, commit.CreatedAt, commit.Expiry.Now);
        return _cache.SetAsync(storeKey, blob, Lifetime(timeToLive), cancellationToken);
    }

    /// <inheritdoc />
    public async Task RefreshAsync(string storeKey, SessionExpiry expiry, CancellationToken cancellationToken)
    {
        var timeToLive = expiry.TimeToLive;
        if (timeToLive <= TimeSpan.Zero)
        {
            await _cache.RemoveAsync(storeKey, cancellationToken).ConfigureAwait(false);
            return;
        }
        var blob = await _cache.GetAsync(storeKey, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            // Gone meanwhile (destroyed or expired): a refresh must not bring it back.
            return;
        }
        if (SessionBlob.TryStampRefreshedAt(blob, expiry.Now))
        {
            await _cache.SetAsync(storeKey, blob, Lifetime(timeToLive), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A stock-format entry keeps the stock session's sliding expiration until its first write.
            await _cache.RefreshAsync(storeKey, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string storeKey, CancellationToken cancellationToken) => _cache.RemoveAsync(storeKey, cancellationToken);

    private static DistributedCacheEntryOptions Lifetime(TimeSpan timeToLive) => new() { AbsoluteExpirationRelativeToNow = timeToLive };
}
