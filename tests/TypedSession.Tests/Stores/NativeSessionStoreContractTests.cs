namespace TypedSession.Tests.Stores;

/// <summary>
/// What the per-key stores (Redis, SQLite) promise beyond <see cref="SessionStoreContractTests"/>: a commit writes only
/// what it changed, concurrent commits of one session never erase each other's keys, and an update is one atomic step
/// with its existence check, so a write racing a delete never brings the session back.
/// </summary>
public abstract class NativeSessionStoreContractTests : SessionStoreContractTests
{
    [Fact]
    public async Task Commit_writes_only_the_changed_and_removed_keys()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("a", "1"), ("b", "1"), ("c", "1")));

        // Another request wrote "c" after this one loaded; this request changes "b" and removes "a".
        await ChangeAsync(key, Values(("c", "other request")));
        await ChangeAsync(key, Values(("b", "2")), "a");

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "other request" }, Texts(await LoadExistingAsync(key)));
    }

    [Fact]
    public async Task Concurrent_commits_of_different_keys_all_persist()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("start", "yes")));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => ChangeAsync(key, Values(($"key{i}", $"value{i}"))))));

        var texts = Texts(await LoadExistingAsync(key));
        Assert.Equal(51, texts.Count);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal($"value{i}", texts[$"key{i}"]));
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

        await CreateAsync(key, values);
        await ChangeAsync(key, new Dictionary<string, byte[]> { ["\u00FFc"] = [1, 2, 3] });

        var entry = await LoadExistingAsync(key);
        Assert.Equal(values.Keys.Order(StringComparer.Ordinal), entry.Values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3], entry.Values["\u00FFc"]);
        Assert.Equal([0, 255, 0], entry.Values["with\0nul"]);
        Assert.Empty(entry.Values["empty value"]);
        Assert.Equal(Created, entry.CreatedAt);
    }

    [Fact]
    public async Task Writes_racing_a_delete_never_bring_the_session_back()
    {
        // A destroy (or a regenerate, or the expiry) in one request while another request of the session commits.
        for (var i = 0; i < 200; i++)
        {
            var key = NewKey();
            await CreateAsync(key, Values(("user", "ada")));
            using var start = new ManualResetEventSlim();
            var write = Task.Run(async () =>
            {
                start.Wait();
                await (i % 3 == 0 ? ReplaceAsync(key, Values(("cleared", "1"))) : ChangeAsync(key, Values(($"key{i}", "1")), "user"));
                await Store.RefreshAsync(key, Expiry(), CancellationToken.None);
            });
            var delete = Task.Run(async () =>
            {
                start.Wait();
                await Store.DeleteAsync(key, CancellationToken.None);
            });
            start.Set();
            await Task.WhenAll(write, delete);

            Assert.Null(await Store.LoadAsync(key, CancellationToken.None));
            await AssertNothingStoredAsync(key);
        }
    }

    /// <summary>Asserts that the store holds nothing at all under <paramref name="storeKey"/>, not even a fragment.</summary>
    protected abstract Task AssertNothingStoredAsync(string storeKey);
}
