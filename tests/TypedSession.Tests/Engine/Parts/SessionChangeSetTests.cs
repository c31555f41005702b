using System.Text;
using FsCheck.Xunit;
using TypedSession.Stores;

namespace TypedSession.Tests.Engine.Parts;

/// <summary>
/// <see cref="SessionChangeSet"/> alone: its incremental size against a recount from scratch, its budget, and the
/// commit it hands a store, checked on random sequences of writes against a plain dictionary as the model.
/// </summary>
public sealed class SessionChangeSetTests
{
    // Keys of 1, 2 and 3 UTF-8 bytes per character, so that a size counted in characters would be caught.
    private static readonly string[] KeyPool = ["a", "b", "é", "日本", "longer-key", "ü-ß", "z"];

    private static readonly SessionExpiry Expiry = new(TimeSpan.FromMinutes(20), null, DateTimeOffset.UnixEpoch);

    private static string KeyOf(byte pick) => KeyPool[pick % KeyPool.Length];

    private static Dictionary<string, byte[]> Loaded((byte Key, byte Length)[] entries)
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, length) in entries ?? [])
        {
            values[KeyOf(key)] = new byte[length];
        }
        return values;
    }

    private static long Recount(IReadOnlyDictionary<string, byte[]> values) =>
        values.Sum(pair => (long)Encoding.UTF8.GetByteCount(pair.Key) + pair.Value.Length);

    // Applies one random operation to the change set and to the model: 0-5 set, 6-7 remove, 8 clear.
    private static void Step(SessionChangeSet changes, Dictionary<string, byte[]> model, (byte Op, byte Key, byte Length) step, int limit)
    {
        var key = KeyOf(step.Key);
        switch (step.Op % 9)
        {
            case < 6:
                var value = Enumerable.Repeat(step.Op, step.Length).ToArray();
                var before = Recount(model);
                var after = before - (model.TryGetValue(key, out var old) ? Encoding.UTF8.GetByteCount(key) + old.Length : 0)
                    + Encoding.UTF8.GetByteCount(key) + value.Length;
                if (after > limit && after > before)
                {
                    var error = Assert.Throws<SessionTooLargeException>(() => changes.PrepareSet(key, value, limit));
                    Assert.Equal(after, error.SessionBytes);
                    return;
                }
                changes.Apply(changes.PrepareSet(key, value, limit));
                model[key] = value;
                return;
            case < 8:
                Assert.Equal(model.Remove(key), changes.Remove(key));
                return;
            default:
                Assert.Equal(model.Count > 0, changes.Clear());
                model.Clear();
                return;
        }
    }

    [Property(MaxTest = 500)]
    public void Size_always_equals_a_recount_of_the_values_after_any_sequence_of_writes(
        bool startLoaded, (byte Key, byte Length)[] loaded, (byte Op, byte Key, byte Length)[] steps)
    {
        var model = startLoaded ? Loaded(loaded) : new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var changes = startLoaded ? new SessionChangeSet(Loaded(loaded)) : new SessionChangeSet();
        // A budget that random writes reach now and then, so that refusals are part of the sequences too.
        const int limit = 400;

        foreach (var step in steps ?? [])
        {
            Step(changes, model, step, limit);
            Assert.Equal(Recount(model), changes.Size);
        }
        Assert.Equal(model.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, Convert.ToHexString(pair.Value))),
            changes.Keys.Order(StringComparer.Ordinal).Select(key => (key, Convert.ToHexString(changes.TryGetValue(key, out var v) ? v : []))));
    }

    [Property(MaxTest = 500)]
    public void A_commit_applied_key_by_key_to_the_stored_entry_gives_the_session_as_the_request_left_it(
        (byte Key, byte Length)[] stored, (byte Op, byte Key, byte Length)[] steps)
    {
        var model = Loaded(stored);
        var changes = new SessionChangeSet(Loaded(stored));
        foreach (var step in steps ?? [])
        {
            Step(changes, model, step, int.MaxValue);
        }

        var commit = changes.ToCommit(DateTimeOffset.UnixEpoch, Expiry, out var bytes);

        // What a per-key store (Redis, SQLite) does with it, starting from the entry as it was loaded.
        var entry = commit.ReplaceAll ? new Dictionary<string, byte[]>(StringComparer.Ordinal) : Loaded(stored);
        foreach (var key in commit.Removed)
        {
            entry.Remove(key);
        }
        foreach (var (key, value) in commit.ReplaceAll ? commit.Values : commit.Changed)
        {
            entry[key] = value;
        }
        Assert.Equal(Recount(model), Recount(entry));
        Assert.Equal(model.Keys.Order(StringComparer.Ordinal), entry.Keys.Order(StringComparer.Ordinal));
        Assert.All(model, pair => Assert.Equal(pair.Value, entry[pair.Key]));
        Assert.Equal(commit.ReplaceAll ? Recount(model) : Recount(commit.Changed), bytes);
    }

    [Fact]
    public void A_removal_on_an_unmeasured_session_counts_the_removed_value_once()
    {
        var changes = new SessionChangeSet(new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["a"] = new byte[10], ["bb"] = new byte[5] });

        Assert.True(changes.Remove("a"));

        Assert.Equal(2 + 5, changes.Size);
    }

    [Fact]
    public void A_write_over_the_budget_is_refused_before_anything_changes()
    {
        var changes = new SessionChangeSet();
        changes.Apply(changes.PrepareSet("a", new byte[90], 100));

        var error = Assert.Throws<SessionTooLargeException>(() => changes.PrepareSet("b", new byte[20], 100));

        Assert.Equal(("b", 20, 91L + 21, 100), (error.Key, error.ValueBytes, error.SessionBytes, error.Limit));
        Assert.Equal(91, changes.Size);
        Assert.False(changes.TryGetValue("b", out _));
    }

    [Fact]
    public void A_write_that_shrinks_a_session_over_the_budget_passes()
    {
        var changes = new SessionChangeSet(new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["a"] = new byte[500] });

        changes.Apply(changes.PrepareSet("a", new byte[300], 100));

        Assert.Equal(301, changes.Size);
    }

    [Fact]
    public void A_key_longer_than_the_stores_can_hold_is_refused()
    {
        var changes = new SessionChangeSet();

        Assert.Throws<ArgumentOutOfRangeException>(() => changes.PrepareSet(new string('k', SessionChangeSet.KeyLengthLimit + 1), [], int.MaxValue));
    }

    [Fact]
    public void Apply_copies_the_value_so_the_caller_may_reuse_its_array()
    {
        var changes = new SessionChangeSet();
        var buffer = new byte[] { 1, 2, 3 };

        changes.Apply(changes.PrepareSet("a", buffer, int.MaxValue));
        buffer[0] = 9;

        Assert.True(changes.TryGetValue("a", out var stored));
        Assert.Equal([1, 2, 3], stored);
    }

    [Fact]
    public void Clear_makes_the_next_commit_replace_the_entry_whole()
    {
        var changes = new SessionChangeSet(new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["a"] = [1] });
        changes.Remove("a");
        changes.Apply(changes.PrepareSet("b", [2], int.MaxValue));
        changes.Committed();
        Assert.False(changes.ReplacesAll);

        Assert.True(changes.Clear());
        changes.Apply(changes.PrepareSet("c", [3, 3], int.MaxValue));
        var commit = changes.ToCommit(DateTimeOffset.UnixEpoch, Expiry, out var bytes);

        Assert.True(commit.ReplaceAll);
        Assert.Equal(["c"], commit.Values.Keys);
        Assert.Empty(commit.Changed);
        Assert.Empty(commit.Removed);
        Assert.Equal(3, bytes);
    }

    [Fact]
    public void A_commit_kept_by_the_store_does_not_change_with_later_writes()
    {
        var changes = new SessionChangeSet(new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["a"] = [1], ["b"] = [2] });
        changes.Apply(changes.PrepareSet("a", [7], int.MaxValue));
        changes.Remove("b");
        var first = changes.ToCommit(DateTimeOffset.UnixEpoch, Expiry, out _);
        changes.Committed();

        changes.Apply(changes.PrepareSet("c", [8], int.MaxValue));
        changes.Remove("a");
        var second = changes.ToCommit(DateTimeOffset.UnixEpoch, Expiry, out _);

        Assert.Equal(["a"], first.Changed.Keys);
        Assert.Equal(["b"], first.Removed);
        Assert.Equal(["c"], second.Changed.Keys);
        Assert.Equal(["a"], second.Removed);
    }

    [Fact]
    public void A_failed_regeneration_leaves_the_whole_session_due_for_the_next_write()
    {
        var changes = new SessionChangeSet(new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["a"] = [1] });
        Assert.False(changes.IsDirty);

        changes.ReplaceWholeOnNextWrite(dirty: true);

        Assert.True(changes.IsDirty);
        Assert.True(changes.ToCommit(DateTimeOffset.UnixEpoch, Expiry, out _).ReplaceAll);
    }

    // Small values (0-2 bytes of 0 or 1) over the loaded zeros, so that random writes often restore what was loaded.
    private static byte[] SmallValue(byte op, byte length) => Enumerable.Repeat((byte)(op % 2), length % 3).ToArray();

    [Property(MaxTest = 500)]
    public void A_request_is_dirty_exactly_when_its_values_differ_from_the_loaded_ones_and_commits_only_the_differences(
        (byte Key, byte Length)[] stored, (byte Op, byte Key, byte Length)[] steps)
    {
        var loaded = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, length) in stored ?? [])
        {
            loaded[KeyOf(key)] = new byte[length % 3];
        }
        var model = new Dictionary<string, byte[]>(loaded, StringComparer.Ordinal);
        var changes = new SessionChangeSet(new Dictionary<string, byte[]>(loaded, StringComparer.Ordinal));

        // Sets and removals only (a clear replaces the entry whole, which the other properties cover).
        foreach (var (op, pick, length) in steps ?? [])
        {
            var key = KeyOf(pick);
            if (op % 3 < 2)
            {
                var value = SmallValue(op, length);
                var changed = !(model.TryGetValue(key, out var old) && old.AsSpan().SequenceEqual(value));
                Assert.Equal(changed, changes.Apply(changes.PrepareSet(key, value, int.MaxValue)));
                model[key] = value;
            }
            else
            {
                Assert.Equal(model.Remove(key), changes.Remove(key));
            }
            Assert.Equal(Recount(model), changes.Size);
        }

        var differs = model.Where(pair => !(loaded.TryGetValue(pair.Key, out var was) && was.AsSpan().SequenceEqual(pair.Value)))
            .Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
        var gone = loaded.Keys.Where(key => !model.ContainsKey(key)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(differs.Count + gone.Count > 0, changes.IsDirty);
        if (changes.IsDirty)
        {
            var commit = changes.ToCommit(DateTimeOffset.UnixEpoch, Expiry, out var bytes);
            Assert.False(commit.ReplaceAll);
            Assert.Equal(differs, commit.Changed.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(gone, commit.Removed.Order(StringComparer.Ordinal));
            Assert.Equal(Recount(commit.Changed), bytes);
        }
    }

    [Fact]
    public void Setting_the_bytes_a_key_holds_changes_nothing()
    {
        var changes = new SessionChangeSet(new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["a"] = [1, 2] });

        Assert.False(changes.Apply(changes.PrepareSet("a", [1, 2], int.MaxValue)));

        Assert.False(changes.IsDirty);
    }

    [Fact]
    public void Setting_a_value_and_restoring_it_leaves_nothing_to_write()
    {
        var changes = new SessionChangeSet(new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["a"] = [1], ["b"] = [2] });

        changes.Apply(changes.PrepareSet("a", [9], int.MaxValue));
        changes.Remove("b");
        changes.Apply(changes.PrepareSet("c", [3], int.MaxValue));
        Assert.True(changes.IsDirty);
        changes.Apply(changes.PrepareSet("a", [1], int.MaxValue));
        changes.Apply(changes.PrepareSet("b", [2], int.MaxValue));
        changes.Remove("c");

        Assert.False(changes.IsDirty);
        Assert.Equal(1 + 1 + 1 + 1, changes.Size);
    }

    [Fact]
    public void After_a_write_the_stored_values_are_what_later_changes_compare_with()
    {
        var changes = new SessionChangeSet(new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["a"] = [1] });
        changes.Apply(changes.PrepareSet("a", [2], int.MaxValue));
        changes.Committed();

        changes.Apply(changes.PrepareSet("a", [1], int.MaxValue));

        Assert.True(changes.IsDirty);
        Assert.Equal([1], changes.ToCommit(DateTimeOffset.UnixEpoch, Expiry, out _).Changed["a"]);
    }

    [Fact]
    public void A_new_session_is_dirty_after_its_first_value_so_that_it_is_established_and_written()
    {
        var changes = new SessionChangeSet();

        Assert.True(changes.Apply(changes.PrepareSet("a", [], int.MaxValue)));

        Assert.True(changes.IsDirty);
        Assert.True(changes.ToCommit(DateTimeOffset.UnixEpoch, Expiry, out _).ReplaceAll);
    }
}
