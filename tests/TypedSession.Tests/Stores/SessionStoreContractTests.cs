using System.Text;
using TypedSession.Stores;

namespace TypedSession.Tests.Stores;

/// <summary>
/// What every store promises the engine, proved against a real store by each derived class: values and times
/// round-trip, a deleted session stays deleted, and only a commit that creates an entry may create one: an update or a
/// refresh of a session that is gone writes nothing and says so. <see cref="NativeSessionStoreContractTests"/> adds what
/// the per-key stores promise beyond that.
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

    // The first write of a session, under a key of the engine's making.
    protected Task<bool> CreateAsync(string storeKey, Dictionary<string, byte[]> values) =>
        Store.CommitAsync(storeKey, new SessionCommit(values, values, [], ReplaceAll: true, Created, Expiry()) { CreatesEntry = true }, CancellationToken.None);

    // A whole replacement of an existing session (a clear): an update.
    protected Task<bool> ReplaceAsync(string storeKey, Dictionary<string, byte[]> values) =>
        Store.CommitAsync(storeKey, new SessionCommit(values, values, [], ReplaceAll: true, Created, Expiry()), CancellationToken.None);

    protected Task<bool> ChangeAsync(string storeKey, Dictionary<string, byte[]> changed, params string[] removed) =>
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
        await CreateAsync(key, Values(("user", "ada"), ("cart", "3 items")));

        var entry = await LoadExistingAsync(key);

        Assert.Equal(new Dictionary<string, string> { ["user"] = "ada", ["cart"] = "3 items" }, Texts(entry));
        Assert.Equal(Created, entry.CreatedAt);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), entry.RefreshedAt.ToUnixTimeMilliseconds(), tolerance: 60_000);
    }

    [Fact]
    public async Task Concurrent_commits_of_one_key_end_with_one_whole_value()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("start", "yes")));
        var candidates = Enumerable.Range(0, 20).Select(i => new string((char)('a' + i), 1000 + i)).ToArray();

        await Task.WhenAll(candidates.Select(value => Task.Run(() => ChangeAsync(key, Values(("shared", value))))));

        Assert.Contains(Texts(await LoadExistingAsync(key))["shared"], candidates);
    }

    [Fact]
    public async Task Replacing_a_session_drops_the_keys_it_no_longer_has()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("a", "1"), ("b", "1")));

        await ReplaceAsync(key, Values(("c", "1")));

        Assert.Equal(["c"], (await LoadExistingAsync(key)).Values.Keys);
    }

    [Fact]
    public async Task A_cleared_session_still_exists_with_no_values()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("a", "1")));

        await ReplaceAsync(key, []);

        var entry = await LoadExistingAsync(key);
        Assert.Empty(entry.Values);
        Assert.Equal(Created, entry.CreatedAt);
    }

    [Fact]
    public async Task Refresh_moves_the_refresh_time_and_keeps_the_values()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("a", "1")));
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
        await CreateAsync(key, Values(("a", "1")));

        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.DeleteAsync(key, CancellationToken.None);

        Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task An_update_of_a_session_that_is_gone_writes_nothing_and_says_so()
    {
        var never = NewKey();
        var deleted = NewKey();
        Assert.True(await CreateAsync(deleted, Values(("user", "ada"))));
        await Store.DeleteAsync(deleted, CancellationToken.None);

        foreach (var key in new[] { never, deleted })
        {
            Assert.False(await ChangeAsync(key, Values(("cart", "1 item"))));
            Assert.False(await ReplaceAsync(key, []));
            await Store.RefreshAsync(key, Expiry(), CancellationToken.None);
            Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
        }
    }

    [Fact]
    public async Task An_update_of_a_live_session_says_it_was_applied()
    {
        var key = NewKey();
        Assert.True(await CreateAsync(key, Values(("a", "1"))));

        Assert.True(await ChangeAsync(key, Values(("a", "2"))));
        Assert.True(await ReplaceAsync(key, Values(("b", "1"))));

        Assert.Equal(new Dictionary<string, string> { ["b"] = "1" }, Texts(await LoadExistingAsync(key)));
    }

    [Fact]
    public async Task A_late_write_after_delete_does_not_bring_the_session_back()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("user", "ada")));

        // Logout deleted the session while another request of it was still running; that request then commits.
        await Store.DeleteAsync(key, CancellationToken.None);
        Assert.False(await ChangeAsync(key, Values(("cart", "1 item"))));
        await Store.RefreshAsync(key, Expiry(), CancellationToken.None);

        Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_commit_past_the_absolute_expiry_deletes_the_session()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("a", "1")));

        var expired = new SessionExpiry(TimeSpan.FromMinutes(20), Now.AddSeconds(-1), Now);
        await Store.CommitAsync(key, new SessionCommit(Values(("a", "2")), Values(("a", "2")), [], false, Created, expired), CancellationToken.None);

        Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_remembered_session_loads_as_remembered_and_an_update_can_forget_it()
    {
        var key = NewKey();
        var values = Values(("user", "ada"));
        Assert.True(await Store.CommitAsync(
            key, new SessionCommit(values, values, [], ReplaceAll: true, Created, Expiry()) { CreatesEntry = true, IsPersistent = true }, CancellationToken.None));
        var plain = NewKey();
        await CreateAsync(plain, values);

        Assert.True((await LoadExistingAsync(key)).IsPersistent);
        Assert.False((await LoadExistingAsync(plain)).IsPersistent);

        // An update that changes no value but the choice (RememberMe(false)).
        Assert.True(await Store.CommitAsync(key, new SessionCommit(values, Values(), [], ReplaceAll: false, Created, Expiry()), CancellationToken.None));
        var forgotten = await LoadExistingAsync(key);
        Assert.False(forgotten.IsPersistent);
        Assert.Equal("ada", Texts(forgotten)["user"]);
    }

    [Fact]
    public async Task A_refresh_that_does_not_know_the_persistence_gives_each_entry_its_own_window()
    {
        var remembered = NewKey();
        var plain = NewKey();
        var values = Values(("user", "ada"));
        await Store.CommitAsync(
            remembered, new SessionCommit(values, values, [], ReplaceAll: true, Created, Expiry()) { CreatesEntry = true, IsPersistent = true }, CancellationToken.None);
        await CreateAsync(plain, values);

        // What the engine sends for a session it did not load: the ordinary window (here none left at all) and the
        // remembered one, for the store to pick by what it holds.
        var now = Now;
        var unknown = new SessionExpiry(TimeSpan.Zero, null, now) { PersistentIdleTimeout = TimeSpan.FromMinutes(20) };
        await Store.RefreshAsync(remembered, unknown, CancellationToken.None);
        await Store.RefreshAsync(plain, unknown, CancellationToken.None);
        // Redis keeps a key for at least a millisecond.
        await Task.Delay(TimeSpan.FromMilliseconds(20));

        var kept = await LoadExistingAsync(remembered);
        Assert.True(kept.IsPersistent);
        Assert.Equal(now.ToUnixTimeMilliseconds(), kept.RefreshedAt.ToUnixTimeMilliseconds());
        Assert.Null(await Store.LoadAsync(plain, CancellationToken.None));
    }
}
