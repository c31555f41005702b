using System.Collections.Concurrent;

namespace TypedSession;

/// <summary>
/// What this engine instance last did for a session key: when it last extended the entry's expiry (a write, a refresh,
/// or a load that saw the stored refresh time), when it last sent the key's cookie, and the session's creation time
/// and persistence (remember-me) when known. Requests that never load the session consult it to keep an active session alive at most once per refresh
/// window (one cheap store refresh) and to roll a cookie with a <c>MaxAge</c> as rarely; nothing else reads it.
/// </summary>
/// <remarks>
/// <para>
/// Bounded, approximately least-recently-recorded: two generations of at most <c>capacity / 2</c> keys each. Records go
/// to the current generation; when it is full it becomes the previous one and the old previous one is dropped whole.
/// A key forgotten this way only costs one refresh (and one cookie) too many, never a missed one: an unknown key is
/// always due. Lookups take no lock and allocate nothing; records, at most a few per session per refresh window, take
/// a short lock so that the bound is exact.
/// </para>
/// <para>
/// Per instance on purpose: several instances each keep their own, so a session costs at most one refresh per window
/// per instance that serves it. Times are kept as UTC ticks; 0 means unknown.
/// </para>
/// </remarks>
internal sealed class SessionRefreshMemo
{
    /// <summary>The default bound: about 1.5 MB of keys and times at most.</summary>
    internal const int DefaultCapacity = 8192;

    private readonly int _generationSize;
    private readonly Lock _recordLock = new();
    private volatile ConcurrentDictionary<string, Entry> _current;
    private volatile ConcurrentDictionary<string, Entry> _previous;
    private int _currentCount;

    internal SessionRefreshMemo(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _generationSize = capacity / 2;
        _current = NewGeneration();
        _previous = NewGeneration();
    }

    /// <summary>How many keys it holds now (both generations; a key in both counts twice). For tests.</summary>
    internal int Count => _current.Count + _previous.Count;

    /// <summary>What is known of <paramref name="storeKey"/>; all times unknown (0) for a key it does not hold.</summary>
    internal Entry Find(string storeKey) =>
        _current.TryGetValue(storeKey, out var entry) || _previous.TryGetValue(storeKey, out entry) ? entry : default;

    /// <summary>
    /// The entry's expiry was extended (or seen extended, by a load) at <paramref name="refreshedAt"/>; the creation time
    /// and whether the session is remembered are recorded when given.
    /// </summary>
    internal void Extended(string storeKey, DateTimeOffset refreshedAt, DateTimeOffset? createdAt, bool? isPersistent)
    {
        var known = Find(storeKey);
        var persistence = Entry.PersistenceOf(isPersistent);
        if (known.RefreshedAtTicks >= refreshedAt.UtcTicks
            && (createdAt is null || known.CreatedAtTicks == createdAt.Value.UtcTicks)
            && (persistence == 0 || known.Persistence == persistence))
        {
            // Nothing new (a load of a session this instance refreshed or loaded before): no lock, no write.
            return;
        }
        Record(storeKey, static (entry, known) => entry with
        {
            RefreshedAtTicks = Math.Max(entry.RefreshedAtTicks, known.Refreshed),
            CreatedAtTicks = known.Created == 0 ? entry.CreatedAtTicks : known.Created,
            Persistence = known.Persistence == 0 ? entry.Persistence : known.Persistence,
        }, (Refreshed: refreshedAt.UtcTicks, Created: createdAt?.UtcTicks ?? 0, Persistence: persistence));
    }

    /// <summary>The key's cookie was sent at <paramref name="sentAt"/>.</summary>
    internal void CookieSent(string storeKey, DateTimeOffset sentAt) =>
        Record(storeKey, static (entry, sent) => entry with { CookieSentAtTicks = Math.Max(entry.CookieSentAtTicks, sent) }, sentAt.UtcTicks);

    private void Record<TState>(string storeKey, Func<Entry, TState, Entry> update, TState state)
    {
        lock (_recordLock)
        {
            if (_current.TryGetValue(storeKey, out var entry))
            {
                _current[storeKey] = update(entry, state);
                return;
            }
            if (_currentCount >= _generationSize)
            {
                _previous = _current;
                _current = NewGeneration();
                _currentCount = 0;
            }
            _previous.TryGetValue(storeKey, out entry);
            _current[storeKey] = update(entry, state);
            _currentCount++;
        }
    }

    private ConcurrentDictionary<string, Entry> NewGeneration() => new(StringComparer.Ordinal);

    /// <summary>
    /// What is known of one key; each time is UTC ticks, 0 when unknown; <paramref name="Persistence"/> 0 when unknown,
    /// 1 for a session with the ordinary idle window, 2 for a remembered one.
    /// </summary>
    internal readonly record struct Entry(long RefreshedAtTicks, long CookieSentAtTicks, long CreatedAtTicks, byte Persistence = 0)
    {
        /// <summary>Whether the session is remembered, or <see langword="null"/> when unknown.</summary>
        internal bool? IsPersistent => Persistence == 0 ? null : Persistence == 2;

        internal static byte PersistenceOf(bool? isPersistent) => isPersistent switch { null => 0, false => 1, true => 2 };

        /// <summary>Whether a window of <paramref name="window"/> has passed at <paramref name="now"/> since <paramref name="ticks"/> (always, when unknown).</summary>
        internal static bool Passed(long ticks, TimeSpan window, DateTimeOffset now) => ticks == 0 || now.UtcTicks - ticks >= window.Ticks;

        internal DateTimeOffset? CreatedAt => CreatedAtTicks == 0 ? null : new DateTimeOffset(CreatedAtTicks, TimeSpan.Zero);
    }
}
