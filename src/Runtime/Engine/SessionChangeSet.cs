using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using TypedSession.Stores;

namespace TypedSession;

/// <summary>
/// A session's values as one request sees them, and what the request changed since the last write: the keys set (with
/// their values), the keys removed, whether the stored entry must be replaced whole, and the session's size in UTF-8
/// bytes for the size budget. It knows nothing of stores, cookies or time; <see cref="ToCommit"/> and
/// <see cref="Committed"/> are the whole hand-over to a store.
/// </summary>
/// <remarks>
/// <para>
/// The size is exact whenever it is read, and it is kept in one place: <see cref="Size"/>. Values adopted from a load
/// are measured the first time <see cref="Size"/> is read, which only a write does (<see cref="PrepareSet"/>,
/// <see cref="Remove"/>, or a commit that replaces the entry); from then on every change adjusts it by the bytes it
/// adds or removes. A request that only reads therefore never walks the session's values, which is the request-cycle
/// benchmark's most common case; measuring on load instead would cost every such request a pass over all keys.
/// </para>
/// <para>
/// The set of changed keys is a dictionary of their values, not a set of names, so that a commit hands it to the store
/// as it is (<see cref="SessionCommit.Changed"/>) instead of building one; after a successful commit the change set
/// starts new collections rather than clearing these, because a store (or a test double) may keep what it was given.
/// </para>
/// <para>
/// No-op writes write nothing (express-session's <c>resave: false</c>): a value set to the bytes it holds changes
/// nothing, and every change is kept relative to the value the store holds (recorded the first time a request touches a
/// key), so that a request that sets a value and then restores it, or adds a key and removes it again, ends with
/// nothing pending. A session replaced whole (new, cleared, regenerated) compares with its current values only.
/// </para>
/// </remarks>
internal sealed class SessionChangeSet
{
    // Keys are written with a 2-byte length by the blob formats (the stock one included).
    internal const int KeyLengthLimit = ushort.MaxValue;

    private Dictionary<string, byte[]> _values;
    private Dictionary<string, byte[]>? _changed;
    private HashSet<string>? _removed;

    // The value the store holds for each key this request touched (null: none), while the entry is written key by key.
    private Dictionary<string, byte[]?>? _stored;

    // Pending changes that are not per key: a whole replacement's, or a retry forced after a failed regeneration.
    private bool _dirtyWhole;
    private long _size;
    private bool _sizeKnown;

    /// <summary>An empty session whose first write creates the entry whole.</summary>
    internal SessionChangeSet()
    {
        _values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        _sizeKnown = true;
        ReplacesAll = true;
    }

    /// <summary>
    /// A loaded session: nothing changed yet, the size unmeasured until a write needs it. The store hands its dictionary
    /// over (<see cref="ITypedSessionStore.LoadAsync"/>), so it becomes the session's unless it compares keys differently.
    /// </summary>
    internal SessionChangeSet(IReadOnlyDictionary<string, byte[]> loaded)
    {
        _values = loaded is Dictionary<string, byte[]> owned && ReferenceEquals(owned.Comparer, StringComparer.Ordinal)
            ? owned
            : new Dictionary<string, byte[]>(loaded, StringComparer.Ordinal);
    }

    /// <summary>Whether something changed since the last successful write.</summary>
    internal bool IsDirty => _dirtyWhole || _changed is { Count: > 0 } || _removed is { Count: > 0 };

    /// <summary>Whether the next write must replace the stored entry whole (a new, cleared or regenerated session).</summary>
    internal bool ReplacesAll { get; private set; }

    internal int Count => _values.Count;

    internal IEnumerable<string> Keys => _values.Keys;

    /// <summary>UTF-8 bytes of all keys and values: exact, measured once on first use after a load (see the remarks).</summary>
    internal long Size
    {
        get
        {
            if (!_sizeKnown)
            {
                _size = Measure(_values);
                _sizeKnown = true;
            }
            return _size;
        }
    }

    /// <summary>The size of a session holding <paramref name="values"/>, counted from scratch.</summary>
    internal static long Measure(IReadOnlyDictionary<string, byte[]> values)
    {
        long size = 0;
        foreach (var (key, value) in values)
        {
            size += Encoding.UTF8.GetByteCount(key) + value.Length;
        }
        return size;
    }

    internal bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value) => _values.TryGetValue(key, out value);

    /// <summary>
    /// Checks a write against the key length and the size budget, without applying it: the caller may still refuse it
    /// (a cookie that can no longer be sent) before <see cref="Apply"/>. A write that does not grow the session always passes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The key is longer than the stores can hold.</exception>
    /// <exception cref="SessionTooLargeException">The write would take the session over <paramref name="maxSessionBytes"/>.</exception>
    internal PendingWrite PrepareSet(string key, byte[] value, int maxSessionBytes)
    {
        var keyBytes = Encoding.UTF8.GetByteCount(key);
        if (keyBytes > KeyLengthLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(key), $"A session key may be at most {KeyLengthLimit} UTF-8 bytes long; this one has {keyBytes}.");
        }

        var previous = _values.TryGetValue(key, out var old) ? keyBytes + old.Length : 0;
        var current = Size;
        var size = current - previous + keyBytes + value.Length;
        if (size > maxSessionBytes && size > current)
        {
            throw new SessionTooLargeException(key, value.Length, size, maxSessionBytes);
        }
        return new PendingWrite(key, value, size);
    }

    /// <summary>
    /// Applies a write checked by <see cref="PrepareSet"/>, copying the value as the stock session does (the caller may
    /// reuse its array). Returns <see langword="false"/> (and changes nothing) when the key already holds these bytes.
    /// </summary>
    internal bool Apply(in PendingWrite write)
    {
        var key = write.Key;
        if (_values.TryGetValue(key, out var current) && current.AsSpan().SequenceEqual(write.Value))
        {
            return false;
        }
        _size = write.SizeAfter;
        if (ReplacesAll)
        {
            _values[key] = write.Value.AsSpan().ToArray();
            _dirtyWhole = true;
            return true;
        }
        var stored = StoredValueOf(key, current);
        if (stored is not null && stored.AsSpan().SequenceEqual(write.Value))
        {
            // Back to what the store holds: nothing to write for this key.
            _values[key] = stored;
            _changed?.Remove(key);
            _removed?.Remove(key);
            return true;
        }
        var copy = write.Value.AsSpan().ToArray();
        _values[key] = copy;
        (_changed ??= new Dictionary<string, byte[]>(StringComparer.Ordinal))[key] = copy;
        _removed?.Remove(key);
        return true;
    }

    /// <summary>Removes a key; returns <see langword="false"/> (and changes nothing) when the session does not hold it.</summary>
    internal bool Remove(string key)
    {
        if (!_values.TryGetValue(key, out var old))
        {
            return false;
        }
        // Measured before the value leaves: a session first measured here counts the removed value once.
        _size = Size - (Encoding.UTF8.GetByteCount(key) + old.Length);
        _values.Remove(key);
        if (ReplacesAll)
        {
            _dirtyWhole = true;
            return true;
        }
        _changed?.Remove(key);
        if (StoredValueOf(key, old) is not null)
        {
            (_removed ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
        }
        return true;
    }

    // The value the store holds for key, recorded as current the first time this request touches the key.
    private byte[]? StoredValueOf(string key, byte[]? current)
    {
        _stored ??= new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        if (!_stored.TryGetValue(key, out var stored))
        {
            stored = current;
            _stored[key] = stored;
        }
        return stored;
    }

    /// <summary>Removes every value; the next write replaces the entry whole. Returns <see langword="false"/> for an empty session.</summary>
    internal bool Clear()
    {
        if (_values.Count == 0)
        {
            return false;
        }
        _values.Clear();
        _size = 0;
        _sizeKnown = true;
        ReplaceWholeOnNextWrite(dirty: true);
        return true;
    }

    /// <summary>
    /// The next write replaces the stored entry whole, under whatever key it goes to (a regenerated key, or the old one
    /// again after a failed regeneration); <paramref name="dirty"/> makes it due even if nothing else changes.
    /// </summary>
    internal void ReplaceWholeOnNextWrite(bool dirty = false)
    {
        _dirtyWhole |= dirty || IsDirty;
        ReplacesAll = true;
        _changed = null;
        _removed = null;
        _stored = null;
    }

    /// <summary>
    /// What a store needs to persist the pending changes, and how many bytes of keys and values that hands it (the whole
    /// session when it is replaced, the changed keys otherwise).
    /// </summary>
    internal SessionCommit ToCommit(DateTimeOffset createdAt, SessionExpiry expiry, out long bytes)
    {
        IReadOnlyDictionary<string, byte[]> changed = ReadOnlyDictionary<string, byte[]>.Empty;
        IReadOnlyCollection<string> removed = [];
        if (ReplacesAll)
        {
            bytes = Size;
        }
        else
        {
            bytes = _changed is null ? 0 : Measure(_changed);
            changed = _changed ?? changed;
            removed = _removed ?? removed;
        }
        // The session's own dictionary, not a copy: the store reads it only until its task completes
        // (SessionCommit.Values), and nothing in this request changes it before then.
        return new SessionCommit(_values, changed, removed, ReplacesAll, createdAt, expiry);
    }

    /// <summary>The changes handed over by <see cref="ToCommit"/> are stored: nothing is pending.</summary>
    internal void Committed() => Settle(replacesAll: false);

    /// <summary>Drops the pending changes of a request whose client is told that they failed: nothing is retried.</summary>
    internal void Abandon() => Settle(ReplacesAll);

    // Nothing pending any more; the values as they are become the baseline later changes are compared with.
    private void Settle(bool replacesAll)
    {
        _dirtyWhole = false;
        ReplacesAll = replacesAll;
        _changed = null;
        _removed = null;
        _stored = null;
    }

    /// <summary>A write checked against the budget, ready to apply.</summary>
    internal readonly record struct PendingWrite(string Key, byte[] Value, long SizeAfter);
}
