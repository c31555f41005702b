using Microsoft.Extensions.Caching.Distributed;

namespace TypedSession.Stores;

/// <summary>
/// Keeps each session as one compact, versioned blob (its values plus creation and refresh times) in any
/// <see cref="IDistributedCache"/>: memory, SQL Server, SQLite, or Redis through the stock cache. The engine's default
/// store when the application registered an <see cref="IDistributedCache"/> of its own (see
/// <see cref="DefaultSessionStore"/>).
/// </summary>
/// <remarks>
/// <para>
/// Entries live under the key the engine passes, a one-way hash of the cookie's secret (see
/// <see cref="ITypedSessionStore"/>). The store also reads the stock session's blob format, but the stock session keeps
/// its entries under the secret itself, where the engine never looks: an application that switches from the stock
/// session to TypedSession starts its users' sessions over once.
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
/// <para>
/// No resurrection, as far as the cache allows: an update (and a refresh) reads the entry first and writes only if it
/// is still there, so a request that commits after its session was destroyed, regenerated or expired writes nothing.
/// The cache has no conditional write, so a delete landing in the short window between that read and the write is
/// still undone by the write; the Redis and SQLite stores close that window.
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
    /// <remarks>
    /// An update first checks that the entry still exists (one more cache call than a blind write):
    /// <see cref="IDistributedCache"/> has no conditional write, so a delete that lands between that check and the write
    /// is still undone by it (see the type's remarks).
    /// </remarks>
    public async Task<bool> CommitAsync(string storeKey, SessionCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var timeToLive = commit.Expiry.TimeToLive;
        if (timeToLive <= TimeSpan.Zero)
        {
            await _cache.RemoveAsync(storeKey, cancellationToken).ConfigureAwait(false);
            return true;
        }
        if (!commit.CreatesEntry && await _cache.GetAsync(storeKey, cancellationToken).ConfigureAwait(false) is null)
        {
            // Gone meanwhile (destroyed, regenerated away or expired): a late write must not bring it back.
            return false;
        }
        var blob = SessionBlob.Write(commit.Values, commit.CreatedAt, commit.Expiry.Now, commit.IsPersistent);
        await _cache.SetAsync(storeKey, blob, Lifetime(timeToLive), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task RefreshAsync(string storeKey, SessionExpiry expiry, CancellationToken cancellationToken)
    {
        if (expiry.TimeToLive <= TimeSpan.Zero && expiry.PersistentIdleTimeout is null)
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
        var timeToLive = expiry.TimeToLiveFor(SessionBlob.IsPersistent(blob));
        if (timeToLive <= TimeSpan.Zero)
        {
            await _cache.RemoveAsync(storeKey, cancellationToken).ConfigureAwait(false);
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
