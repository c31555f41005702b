using System.Collections.Concurrent;

namespace TypedSession.Stores;

/// <summary>
/// Keeps sessions in the process's memory, value by value: the engine's default store when the application registers
/// no <c>IDistributedCache</c> of its own. Implements the per-user index (<see cref="ISessionIndexStore"/>), so
/// logins, <see cref="ISessionDirectory"/>, <see cref="TypedSessionOptions.MaxSessionsPerUser"/> and expiry events work
/// without any other store.
/// </summary>
/// <remarks>
/// <para>
/// Per key: an entry holds its values as byte arrays of its own (copied from each commit, and copied again into each
/// load, so that no one changes a stored value in place); a commit writes only <see cref="SessionCommit.Changed"/> and
/// <see cref="SessionCommit.Removed"/>, so concurrent requests of one session that set different keys all persist.
/// There is no blob to write or read.
/// </para>
/// <para>
/// Locking: each entry has its own lock, each user with logged-in sessions another, taken before any entry's; loads,
/// commits, refreshes and deletes take only their entry's lock (and a delete of a logged-in session, after it, its
/// user's), never a store-wide one. An update or a refresh applies under the entry's lock only while the entry is live,
/// and an ended entry never comes back, so a late write cannot resurrect a session.
/// </para>
/// <para>
/// Expiry: on the <see cref="TimeProvider"/>'s clock. An expired entry never loads; it is dropped when a call meets it
/// and by a sweep that a new session starts on the thread pool at most once per sweep interval, so memory stays bounded
/// by the live sessions. An expired logged-in session stays in its user's index (values dropped) until
/// <see cref="TakeExpiredAsync"/> takes it.
/// </para>
/// <para>
/// Limits: the sessions live in one process only (each instance behind a load balancer has its own) and end with it.
/// </para>
/// </remarks>
internal sealed partial class MemorySessionStore : ITypedSessionStore, ISessionIndexStore
{
    /// <summary>How often, at most, a new session starts a sweep of expired entries when none is given.</summary>
    internal static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromMinutes(1);

    private static readonly Task<SessionEntry?> NoEntry = Task.FromResult<SessionEntry?>(null);
    private static readonly Task<bool> Applied = Task.FromResult(true);
    private static readonly Task<bool> NotApplied = Task.FromResult(false);

    private readonly ConcurrentDictionary<string, MemorySessionEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MemoryUserSessions> _users = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly long _sweepIntervalTicks;
    private long _nextSweepTicks;
    private long _sequence;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock expiry is checked on; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="sweepInterval">How often, at most, expired entries are swept; <see cref="DefaultSweepInterval"/> when <see langword="null"/>.</param>
    public MemorySessionStore(TimeProvider? timeProvider = null, TimeSpan? sweepInterval = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _sweepIntervalTicks = (sweepInterval ?? DefaultSweepInterval).Ticks;
        _nextSweepTicks = _timeProvider.GetUtcNow().UtcTicks + _sweepIntervalTicks;
    }

    /// <summary>How many entries the store holds, expired ones not yet swept included (not the expired owned ones only the index keeps).</summary>
    internal int Count => _entries.Count;

    /// <summary>How many users have index entries.</summary>
    internal int UserCount => _users.Count;

    /// <summary>Whether the store holds an entry, live or expired but not yet swept, under <paramref name="storeKey"/>.</summary>
    internal bool Holds(string storeKey) => _entries.ContainsKey(storeKey);

    /// <inheritdoc />
    public Task<SessionEntry?> LoadAsync(string storeKey, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(storeKey, out var entry))
        {
            return NoEntry;
        }
        var now = _timeProvider.GetUtcNow();
        lock (entry.Gate)
        {
            if (entry.IsLiveAt(now))
            {
                return Task.FromResult<SessionEntry?>(entry.Load());
            }
            EndExpired(entry, now);
        }
        return NoEntry;
    }

    /// <inheritdoc />
    public Task<bool> CommitAsync(string storeKey, SessionCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var now = commit.Expiry.Now;
        var timeToLive = commit.Expiry.TimeToLive;
        if (commit.CreatesEntry)
        {
            if (timeToLive > TimeSpan.Zero)
            {
                Publish(NewEntry(storeKey, commit));
                SweepIfDue(now);
            }
            return Applied;
        }

        if (!_entries.TryGetValue(storeKey, out var entry))
        {
            return NotApplied;
        }
        lock (entry.Gate)
        {
            if (!entry.IsLiveAt(now))
            {
                EndExpired(entry, now);
                return NotApplied;
            }
            if (timeToLive <= TimeSpan.Zero)
            {
                // Past the absolute lifetime: the session ends now (and a logged-in one is reported as expired).
                EndExpired(entry, now);
                return Applied;
            }
            if (commit.ReplaceAll)
            {
                entry.Replace(commit.Values);
            }
            else
            {
                entry.Apply(commit.Changed, commit.Removed);
            }
            entry.Touch(now, timeToLive, commit.IsPersistent, SequenceFor(entry));
        }
        return Applied;
    }

    /// <inheritdoc />
    public Task RefreshAsync(string storeKey, SessionExpiry expiry, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(storeKey, out var entry))
        {
            return Task.CompletedTask;
        }
        lock (entry.Gate)
        {
            var timeToLive = expiry.TimeToLiveFor(entry.IsPersistent);
            if (!entry.IsLiveAt(expiry.Now) || timeToLive <= TimeSpan.Zero)
            {
                EndExpired(entry, expiry.Now);
            }
            else
            {
                entry.Touch(expiry.Now, timeToLive, entry.IsPersistent, SequenceFor(entry));
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string storeKey, CancellationToken cancellationToken)
    {
        if (_entries.TryRemove(storeKey, out var entry))
        {
            var now = _timeProvider.GetUtcNow();
            var deleted = false;
            lock (entry.Gate)
            {
                // An entry that had already expired stays in its user's index, for its expiry to be reported.
                if (entry.IsLiveAt(now))
                {
                    entry.End(MemorySessionState.Deleted);
                    deleted = true;
                }
                else
                {
                    EndExpired(entry, now);
                }
            }
            if (deleted && entry.Owner is { } owner && _users.TryGetValue(owner.UserId, out var user))
            {
                lock (user.Gate)
                {
                    Unindex(user, entry);
                }
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Drops every entry that has expired (an owned one stays in its user's index until taken); returns how many. Runs
    /// on the thread pool at most once per sweep interval, started by a new session.
    /// </summary>
    internal int RemoveExpired()
    {
        var now = _timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var (_, entry) in _entries)
        {
            lock (entry.Gate)
            {
                if (entry.IsLiveAt(now))
                {
                    continue;
                }
                EndExpired(entry, now);
            }
            removed++;
        }
        return removed;
    }

    private MemorySessionEntry NewEntry(string storeKey, SessionCommit commit)
    {
        var entry = new MemorySessionEntry(storeKey, commit.CreatedAt, commit.Owner);
        entry.Replace(commit.Values);
        entry.Touch(commit.Expiry.Now, commit.Expiry.TimeToLive, commit.IsPersistent, SequenceFor(entry));
        return entry;
    }

    // Makes a new entry the one under its key. Keys are fresh hashes, so there is practically never an entry to replace;
    // one that was (its index entry, if any, is dropped by the next TakeExpiredAsync) ends as deleted.
    private void Publish(MemorySessionEntry entry)
    {
        while (!_entries.TryAdd(entry.StoreKey, entry))
        {
            if (_entries.TryRemove(entry.StoreKey, out var previous))
            {
                lock (previous.Gate)
                {
                    previous.End(MemorySessionState.Deleted);
                }
            }
        }
    }

    // Under the entry's lock: ends a live entry as expired and drops it from the map (its index entry stays).
    private void EndExpired(MemorySessionEntry entry, DateTimeOffset now)
    {
        if (entry.State == MemorySessionState.Live)
        {
            entry.End(MemorySessionState.Expired, now);
        }
        _entries.TryRemove(KeyValuePair.Create(entry.StoreKey, entry));
    }

    // Under the entry's lock: ends an entry the index deletes (evicted or revoked) and drops it from the map.
    private void End(MemorySessionEntry entry)
    {
        entry.End(MemorySessionState.Deleted);
        _entries.TryRemove(KeyValuePair.Create(entry.StoreKey, entry));
    }

    // Only owned entries are ordered (most recently used first), so anonymous traffic never touches the shared counter.
    private long SequenceFor(MemorySessionEntry entry) => entry.Owner is null ? 0 : Interlocked.Increment(ref _sequence);

    // Amortized clean-up: the first new session after the interval claims the next sweep and runs it off the request.
    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Volatile.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + _sweepIntervalTicks, due) != due)
        {
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(static store => store.RemoveExpired(), this, preferLocal: false);
    }
}
