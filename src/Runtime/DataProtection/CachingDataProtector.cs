using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.AspNetCore.DataProtection;

namespace TypedSession.DataProtection;

/// <summary>
/// The session cookie's data protector with a memory of the payloads it has already opened: the stock session middleware
/// unprotects the cookie on every request (about 20 µs of the request's CPU), and an active session sends the same
/// cookie again and again. A payload seen before is a dictionary hit; anything else goes to the real protector, and
/// only what it opened is remembered, so a payload that fails (tampered, foreign, under a revoked key) fails exactly as
/// before, every time.
/// </summary>
/// <remarks>
/// Bounded in size (<see cref="TypedSessionOptions.CookieCacheSize"/> entries) and in time: an entry is forgotten
/// <see cref="TypedSessionOptions.CookieCacheDuration"/> after it was stored, so that a key revoked on another instance
/// stops opening cookies here within that duration (the stock key ring itself re-reads revocations only once a day). A
/// revocation in this process clears the cache at once (<see cref="Clear"/>, through the key manager's cache
/// expiration token), and payloads under a key revoked here are never stored again.
/// </remarks>
internal sealed class CachingDataProtector : IDataProtector
{
    private readonly IDataProtector _inner;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly TimeSpan _duration;
    private readonly ConcurrentDictionary<byte[], Entry> _entries = new(ByteContentComparer.Instance);
    private readonly Lock _trimLock = new();

    // ConcurrentDictionary.Count takes every lock of the dictionary, too dear for each store; this count follows it
    // (exact when one thread at a time stores) and is set from the dictionary again whenever it is trimmed.
    private int _count;

    // Moves on every key change, so that a payload opened before it (under a key revoked meanwhile) is not stored after it.
    private int _generation;

    // The keys revoked in this process when the key manager last signalled a change. The key ring refreshes in the
    // background after a change (ASP.NET Core 9 and later) and keeps opening payloads under a just-revoked key until it
    // has; such a payload is never stored, so the cache does not make that short window last CookieCacheDuration.
    private FrozenSet<Guid> _revokedKeys = FrozenSet<Guid>.Empty;

    // Until when nothing is stored: the revoked keys could not be read after a key change (timestamp units).
    private long _storesRefusedUntil = long.MinValue;

    internal CachingDataProtector(IDataProtector inner, int capacity, TimeSpan duration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _inner = inner;
        _capacity = capacity;
        _duration = duration;
        _time = time;
    }

    /// <summary>How many payloads are remembered now.</summary>
    internal int Count => _entries.Count;

    /// <summary>A protector for a sub-purpose: the real one's, without a cache (nothing else unprotects on every request).</summary>
    public IDataProtector CreateProtector(string purpose) => _inner.CreateProtector(purpose);

    /// <summary>
    /// Protects with the real protector and remembers the result, so that the request that brings back a cookie just
    /// issued (a new session, a regenerated id) is a hit.
    /// </summary>
    public byte[] Protect(byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var generation = Volatile.Read(ref _generation);
        var protectedData = _inner.Protect(plaintext);
        // Copies: the caller owns both arrays and may change them.
        Store([.. protectedData], [.. plaintext], issued: true, generation);
        return protectedData;
    }

    /// <summary>
    /// A copy of the plaintext remembered for <paramref name="protectedData"/>, or the real protector's answer, remembered
    /// only when it succeeds. Throws whatever the real protector throws.
    /// </summary>
    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        if (_entries.TryGetValue(protectedData, out var entry))
        {
            if (_time.GetElapsedTime(entry.StoredAt) < _duration)
            {
                if (entry.Issued)
                {
                    // The client sent back a cookie this instance issued: from now on it is worth keeping when trimming.
                    _entries.TryUpdate(protectedData, entry with { Issued = false }, entry);
                }
                // A copy: a caller that changes the array must not change what the next request gets.
                return [.. entry.Plaintext];
            }
            Remove(protectedData, entry);
        }

        var generation = Volatile.Read(ref _generation);
        var plaintext = _inner.Unprotect(protectedData);
        Store([.. protectedData], [.. plaintext], issued: false, generation);
        return plaintext;
    }

    /// <summary>
    /// Forgets every payload because a key was revoked or created in this process, and from now on stores none under
    /// the <paramref name="revokedKeys"/>; when those are unknown (<see langword="null"/>: the key store could not be
    /// read), stores nothing for one cache duration.
    /// </summary>
    internal void Clear(IEnumerable<Guid>? revokedKeys)
    {
        lock (_trimLock)
        {
            if (revokedKeys is null)
            {
                // Clamped so that a very long duration cannot overflow into the past.
                var refusal = Math.Min(_duration.TotalSeconds * _time.TimestampFrequency, long.MaxValue / 4d);
                Volatile.Write(ref _storesRefusedUntil, _time.GetTimestamp() + (long)refusal);
            }
            else
            {
                Volatile.Write(ref _revokedKeys, revokedKeys.ToFrozenSet());
            }
            Interlocked.Increment(ref _generation);
            _entries.Clear();
            Volatile.Write(ref _count, _entries.Count);
        }
    }

    private void Store(byte[] protectedData, byte[] plaintext, bool issued, int generation)
    {
        if (UnderRevokedKey(protectedData) || _time.GetTimestamp() < Volatile.Read(ref _storesRefusedUntil))
        {
            return;
        }
        if (Volatile.Read(ref _count) >= _capacity)
        {
            Trim();
        }
        var entry = new Entry(plaintext, _time.GetTimestamp(), issued);
        if (_entries.TryAdd(protectedData, entry))
        {
            Interlocked.Increment(ref _count);
            if (Volatile.Read(ref _generation) != generation)
            {
                // Cleared while the real protector worked: what it opened may be under a key revoked meanwhile.
                Remove(protectedData, entry);
            }
        }
    }

    // Full: forget the expired entries and the cookies issued here that never came back (a request without a cookie
    // makes the stock middleware protect a new session key, used or not); if that is not enough, forget everything. Rare
    // and O(capacity), and the cache never grows past its capacity (give or take the stores of other threads meanwhile).
    private void Trim()
    {
        lock (_trimLock)
        {
            if (Volatile.Read(ref _count) < _capacity)
            {
                return;
            }
            foreach (var (protectedData, entry) in _entries)
            {
                if (entry.Issued || _time.GetElapsedTime(entry.StoredAt) >= _duration)
                {
                    _entries.TryRemove(KeyValuePair.Create(protectedData, entry));
                }
            }
            if (_entries.Count >= _capacity)
            {
                _entries.Clear();
            }
            Volatile.Write(ref _count, _entries.Count);
        }
    }

    // A key ring payload starts with a 4-byte magic header and the 16-byte id of its key (the documented format of
    // ASP.NET Core Data Protection's authenticated payloads).
    private bool UnderRevokedKey(byte[] protectedData)
    {
        var revoked = Volatile.Read(ref _revokedKeys);
        return revoked.Count > 0 && protectedData.Length >= 20 && revoked.Contains(new Guid(protectedData.AsSpan(4, 16)));
    }

    private void Remove(byte[] protectedData, Entry entry)
    {
        if (_entries.TryRemove(KeyValuePair.Create(protectedData, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    // Issued: stored by Protect and not yet sent back by a client.
    private readonly record struct Entry(byte[] Plaintext, long StoredAt, bool Issued);
}
