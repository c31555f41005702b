namespace TypedSession.Stores;

/// <summary>
/// One session of <see cref="MemorySessionStore"/>: its values (byte arrays of the store's own), times and owner. Every
/// member but the immutable ones is read and written under <see cref="Gate"/>.
/// </summary>
internal sealed class MemorySessionEntry(string storeKey, DateTimeOffset createdAt, SessionOwner? owner)
{
    private Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>Guards the entry: its values, times and state.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The key the store keeps the entry under.</summary>
    public string StoreKey { get; } = storeKey;

    /// <summary>When the session was created.</summary>
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>The user of a logged-in session, set when the entry is created; <see langword="null"/> for an anonymous one.</summary>
    public SessionOwner? Owner { get; } = owner;

    /// <summary>When the expiry was last extended.</summary>
    public DateTimeOffset RefreshedAt { get; private set; }

    /// <summary>When the entry expires unless extended again.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Whether the session is remembered.</summary>
    public bool IsPersistent { get; private set; }

    /// <summary>Orders index entries last accessed at the same instant (a store-wide counter, drawn for owned entries only).</summary>
    public long Sequence { get; private set; }

    /// <summary>Live, or how it ended; an ended entry never comes back.</summary>
    public MemorySessionState State { get; private set; }

    /// <summary>The entry exists and has not expired at <paramref name="now"/>.</summary>
    public bool IsLiveAt(DateTimeOffset now) => State == MemorySessionState.Live && now < ExpiresAt;

    /// <summary>Replaces every value with copies of <paramref name="values"/>.</summary>
    public void Replace(IReadOnlyDictionary<string, byte[]> values)
    {
        var copy = new Dictionary<string, byte[]>(values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            copy[key] = Copy(value);
        }
        _values = copy;
    }

    /// <summary>Writes copies of the <paramref name="changed"/> values and removes the <paramref name="removed"/> keys, leaving every other key.</summary>
    public void Apply(IReadOnlyDictionary<string, byte[]> changed, IReadOnlyCollection<string> removed)
    {
        foreach (var key in removed)
        {
            _values.Remove(key);
        }
        foreach (var (key, value) in changed)
        {
            _values[key] = Copy(value);
        }
    }

    /// <summary>Extends the expiry: <paramref name="timeToLive"/> from <paramref name="now"/>.</summary>
    public void Touch(DateTimeOffset now, TimeSpan timeToLive, bool isPersistent, long sequence)
    {
        RefreshedAt = now;
        ExpiresAt = now + timeToLive;
        IsPersistent = isPersistent;
        Sequence = sequence;
    }

    /// <summary>Ends the entry, dropping its values; an expiry at <paramref name="expiredAt"/> records when.</summary>
    public void End(MemorySessionState state, DateTimeOffset? expiredAt = null)
    {
        State = state;
        if (expiredAt is { } at && at < ExpiresAt)
        {
            ExpiresAt = at;
        }
        _values = [];
    }

    /// <summary>The session as a load returns it: a dictionary of its own, with copies of the values, for the engine to take over.</summary>
    public SessionEntry Load()
    {
        var values = new Dictionary<string, byte[]>(_values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in _values)
        {
            values.Add(key, Copy(value));
        }
        return new SessionEntry(values, CreatedAt, RefreshedAt) { IsPersistent = IsPersistent, Owner = Owner };
    }

    /// <summary>The entry as the per-user index lists it (an owned entry only).</summary>
    public IndexedSession ToIndexed() =>
        new(StoreKey, Owner ?? throw new InvalidOperationException("An anonymous session has no index entry."), CreatedAt, RefreshedAt, ExpiresAt, IsPersistent);

    // The engine's arrays belong to the request (and the application may still hold them); the store's arrays are
    // never handed out either, so that no one can change a stored value in place. A span copy, not Array.Clone: every
    // load copies every value, and Clone's general object copy measured twice as slow for these small arrays.
    private static byte[] Copy(byte[] value) => value.Length == 0 ? [] : value.AsSpan().ToArray();
}

/// <summary>Whether a <see cref="MemorySessionEntry"/> lives, and how it ended.</summary>
internal enum MemorySessionState
{
    /// <summary>Stored and readable until its expiry.</summary>
    Live,

    /// <summary>Deleted, revoked or evicted: never reported as expired.</summary>
    Deleted,

    /// <summary>Expired; an owned entry stays in its user's index until <see cref="ISessionIndexStore.TakeExpiredAsync"/> takes it.</summary>
    Expired,
}
