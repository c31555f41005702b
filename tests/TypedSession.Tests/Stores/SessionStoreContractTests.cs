using System.Text;
using TypedSession.Stores;

namespace TypedSession.Tests.Stores;

/// <summary>
/// What every per-key store promises the engine, proved against a real store by each derived class: values and times
/// round-trip, a commit writes only what it changed, concurrent commits of one session never erase each other's keys,
/// and a deleted session stays deleted.
/// </summary>
public abstract class SessionStoreContractTests
{
    protected static readonly DateTimeOffset Created = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test; every call returns the same instance for one test.</summary>
    protected abstract ITypedSessionStore Store { get; }

    /// <summary>The clock the store under test runs on (stores that check expiry on load read it).</summary>
    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected SessionExpiry Expiry(TimeSpan? idle = null) => new(idle ?? TimeSpan.FromMinutes(20), null, Now);

    protected static string NewKey() => Guid.NewGuid().ToString("D");

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static Dictionary<string, byte[]> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => Bytes(v.Value), StringComparer.Ordinal);

    protected Task ReplaceAsync(string storeKey, Dictionary<string, byte[]> values) =>
        Store.CommitAsync(storeKey, new SessionCommit(values, values, [], ReplaceAll: true, Created, Expiry()), CancellationToken.None);

    protected Task ChangeAsync(string storeKey, Dictionary<string, byte[]> changed, params string[] removed) =>
        Store.CommitAsync(storeKey, new SessionCommit(changed, changed, removed, ReplaceAll: false, Created, Expiry()), CancellationToken.None);

    protected async Task<SessionEntry> LoadExistingAsync(string storeKey) =>
        await Store.LoadAsync(storeKey, CancellationToken.None) ?? throw new Xunit.Sdk.XunitException($"Session {storeKey} did not load.");

    protected static Dictionary<string, string> Texts(SessionEntry entry) =>
        entry.Values.ToDictionary(v => v.Key, v => Encoding.UTF8.GetString(v.Value), StringComparer.Ordinal);

    [Fact]
    public async Task Load_of_an_unknown_session_returns_null()
    {
        Assert.Null(await Store.LoadAsync(NewKey(), CancellationToken.None));
    }

    [Fact]
    public async Task Replaced_session_loads_with_its_values_and_times()
    {
        var key = NewKey();
        await ReplaceAsync(key, Values(("user", "ada"), ("cart", "3 items")));

        var entry = await LoadExistingAsync(key);

        Assert.Equal(new Dictionary<string, string> { ["user"] = "ada", ["cart"] = "3 items" }, Texts(entry));
        Assert.Equal(Created, entry.CreatedAt);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), entry.RefreshedAt.ToUnixTimeMilliseconds(), tolerance: 60_000);
    }

    [Fact]
    public async Task Commit_writes_only_the_changed_and_removed_keys()
    {
        var key = NewKey();
        await ReplaceAsync(key, Values(("a", "1"), ("b", "1"), ("c", "1")));

        // Another request wrote "c" after this one loaded; this request changes "b" and removes "a".
        await ChangeAsync(key, Values(("c", "other request")));
        await ChangeAsync(key, Values(("b", "2")), "a");

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "other request" }, Texts(await LoadExistingAsync(key)));
    }

    [Fact]
    public async Task Concurrent_commits_of_different_keys_all_persist()
    {
        var key = NewKey();
        await ReplaceAsync(key, Values(("start", "yes")));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => ChangeAsync(key, Values(($"key{i}", $"value{i}"))))));

        var texts = Texts(await LoadExistingAsync(key));
        Assert.Equal(51, texts.Count);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal($"value{i}", texts[$"key{i}"]));
    }

    [Fact]
    public async Task Concurrent_commits_of_one_key_end_with_one_whole_value()
    {
        var key = NewKey();
        await ReplaceAsync(key, Values(("start", "yes")));
        var candidates = Enumerable.Range(0, 20).Select(i => new string((char)('a' + i), 1000 + i)).ToArray();

        await Task.WhenAll(candidates.Select(value => Task.Run(() => ChangeAsync(key, Values(("shared", value))))));

        Assert.Contains(Texts(await LoadExistingAsync(key))["shared"], candidates);
    }

    [Fact]
    public async Task Replacing_a_session_drops_the_keys_it_no_longer_has()
    {
        var key = NewKey();
        await ReplaceAsync(key, Values(("a", "1"), ("b", "1")));

        await ReplaceAsync(key, Values(("c", "1")));

        Assert.Equal(["c"], (await LoadExistingAsync(key)).Values.Keys);
    }

    [Fact]
    public async Task A_cleared_session_still_exists_with_no_values()
    {
        var key = NewKey();
        await ReplaceAsync(key, Values(("a", "1")));

        await ReplaceAsync(key, []);

        var entry = await LoadExistingAsync(key);
        Assert.Empty(entry.Values);
        Assert.Equal(Created, entry.CreatedAt);
    }

    [Fact]
    public async Task Keys_and_values_of_any_text_round_trip()
    {
        var key = NewKey();
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [""] = Bytes("empty key"),
            ["\u00FFc"] = Bytes("looks like a metadata name"),
            ["\u00FFr"] = Bytes("looks like the other one"),
            ["名前 🎉"] = Bytes("unicode"),
            ["with\0nul"] = [0, 255, 0],
            ["empty value"] = [],
        };

        await ReplaceAsync(key, values);
        await ChangeAsync(key, new Dictionary<string, byte[]> { ["\u00FFc"] = [1, 2, 3] });

        var entry = await LoadExistingAsync(key);
        Assert.Equal(values.Keys.Order(StringComparer.Ordinal), entry.Values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3], entry.Values["\u00FFc"]);
        Assert.Equal([0, 255, 0], entry.Values["with\0nul"]);
        Assert.Empty(entry.Values["empty value"]);
        Assert.Equal(Created, entry.CreatedAt);
    }

    [Fact]
    public async Task Refresh_moves_the_refresh_time_and_keeps_the_values()
    {
        var key = NewKey();
        await ReplaceAsync(key, Values(("a", "1")));
        var later = Now.AddMinutes(5);

        await Store.RefreshAsync(key, new SessionExpiry(TimeSpan.FromMinutes(20), null, later), CancellationToken.None);

        var entry = await LoadExistingAsync(key);
        Assert.Equal(later.ToUnixTimeMilliseconds(), entry.RefreshedAt.ToUnixTimeMilliseconds());
        Assert.Equal(Created, entry.CreatedAt);
        Assert.Equal("1", Texts(entry)["a"]);
    }

    [Fact]
    public async Task Deleted_session_no_longer_loads_and_deleting_again_is_not_an_error()
    {
        var key = NewKey();
        await ReplaceAsync(key, Values(("a", "1")));

        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.DeleteAsync(key, CancellationToken.None);

        Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_late_write_after_delete_does_not_bring_the_session_back()
    {
        var key = NewKey();
        await ReplaceAsync(key, Values(("user", "ada")));

        // Logout deleted the session while another request of it was still running; that request then commits.
        await Store.DeleteAsync(key, CancellationToken.None);
        await ChangeAsync(key, Values(("cart", "1 item")));
        await Store.RefreshAsync(key, Expiry(), CancellationToken.None);

        Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_commit_past_the_absolute_expiry_deletes_the_session()
    {
        var key = NewKey();
        await ReplaceAsync(key, Values(("a", "1")));

        var expired = new SessionExpiry(TimeSpan.FromMinutes(20), Now.AddSeconds(-1), Now);
        await Store.CommitAsync(key, new SessionCommit(Values(("a", "2")), Values(("a", "2")), [], false, Created, expired), CancellationToken.None);

        Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
    }
}
