using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSession.Stores;
using TypedSession.Stores.Sqlite;
using TypedSession.Tests.Stores.Support;

namespace TypedSession.Tests.Stores.Sqlite;

/// <summary>
/// The SQLite store on a real file: the store and per-user index contracts, plus persistence, expiry, clean-up, schema
/// upgrades and the cap across two stores on one file.
/// </summary>
public sealed class SqliteSessionStoreTests : SessionIndexStoreContractTests, IAsyncLifetime
{
    // The schemas as versions 1 and 2 of the store created them.
    private const string Version1SchemaSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS typedsession_sessions (
            store_key TEXT NOT NULL PRIMARY KEY,
            created_at INTEGER NOT NULL,
            refreshed_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS typedsession_sessions_expires_at ON typedsession_sessions (expires_at);
        CREATE TABLE IF NOT EXISTS typedsession_values (
            store_key TEXT NOT NULL,
            name TEXT NOT NULL,
            value BLOB NOT NULL,
            PRIMARY KEY (store_key, name)
        ) WITHOUT ROWID;
        PRAGMA user_version = 1;
        """;

    private const string Version2SchemaSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS typedsession_sessions (
            store_key TEXT NOT NULL PRIMARY KEY,
            created_at INTEGER NOT NULL,
            refreshed_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            persistent INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS typedsession_sessions_expires_at ON typedsession_sessions (expires_at);
        CREATE TABLE IF NOT EXISTS typedsession_values (
            store_key TEXT NOT NULL,
            name TEXT NOT NULL,
            value BLOB NOT NULL,
            PRIMARY KEY (store_key, name)
        ) WITHOUT ROWID;
        PRAGMA user_version = 2;
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("typedsession-sqlite-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero));
    private SqliteSessionStore _store = null!;

    protected override ITypedSessionStore Store => _store;

    protected override DateTimeOffset Now => _time.GetUtcNow();

    private string DatabasePath => Path.Combine(_directory, "sessions.db");

    protected override Task PassAsync(TimeSpan time)
    {
        _time.Advance(time);
        return Task.CompletedTask;
    }

    protected override async Task AssertNothingStoredAsync(string storeKey)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM typedsession_sessions WHERE store_key = $key) + (SELECT count(*) FROM typedsession_values WHERE store_key = $key)
            """;
        command.Parameters.AddWithValue("$key", storeKey);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    public Task InitializeAsync()
    {
        _store = CreateStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Sessions_survive_a_new_store_on_the_same_file()
    {
        var key = NewKey();
        await CreateAsync(key, Values(("user", "ada")));
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        _store = CreateStore();

        Assert.Equal("ada", Texts(await LoadExistingAsync(key))["user"]);
    }

    [Fact]
    public async Task The_file_runs_in_WAL_mode()
    {
        await CreateAsync(NewKey(), Values(("a", "1")));

        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_session_past_its_idle_timeout_does_not_load_and_clean_up_deletes_it()
    {
        var expiring = NewKey();
        var kept = NewKey();
        await Store.CommitAsync(expiring, new SessionCommit(Values(("a", "1")), Values(("a", "1")), [], true, Created, Expiry(TimeSpan.FromMinutes(5))) { CreatesEntry = true }, default);
        await Store.CommitAsync(kept, new SessionCommit(Values(("a", "1")), Values(("a", "1")), [], true, Created, Expiry(TimeSpan.FromMinutes(30))) { CreatesEntry = true }, default);

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(await Store.LoadAsync(expiring, default));
        Assert.Equal(1, await _store.RemoveExpiredAsync(default));
        Assert.Equal(0, await CountRowsAsync("typedsession_values WHERE store_key = '" + expiring + "'"));
        Assert.NotNull(await Store.LoadAsync(kept, default));
    }

    [Fact]
    public async Task The_clean_up_runs_by_itself_every_interval()
    {
        var key = NewKey();
        await Store.CommitAsync(key, new SessionCommit(Values(("a", "1")), Values(("a", "1")), [], true, Created, Expiry(TimeSpan.FromMinutes(5))) { CreatesEntry = true }, default);

        _time.Advance(TimeSpan.FromMinutes(10));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CountRowsAsync("typedsession_sessions") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, await CountRowsAsync("typedsession_sessions"));
    }

    [Fact]
    public async Task Refresh_extends_the_idle_expiry()
    {
        var key = NewKey();
        await Store.CommitAsync(key, new SessionCommit(Values(("a", "1")), Values(("a", "1")), [], true, Created, Expiry(TimeSpan.FromMinutes(5))) { CreatesEntry = true }, default);

        _time.Advance(TimeSpan.FromMinutes(4));
        await Store.RefreshAsync(key, Expiry(TimeSpan.FromMinutes(5)), default);
        _time.Advance(TimeSpan.FromMinutes(4));

        Assert.NotNull(await Store.LoadAsync(key, default));
    }

    [Fact]
    public void Registration_puts_the_file_under_the_content_root_and_replaces_other_stores()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(_directory));
        services.AddSingleton<ITypedSessionStore>(new UnusedStore());
        services.AddTypedSessionSqliteStore();
        using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<SqliteSessionStore>(provider.GetRequiredService<ITypedSessionStore>());
        Assert.Equal(Path.Combine(_directory, "App_Data", "typedsession.db"), store.DatabasePath);
        Assert.Single(services, d => d.ServiceType == typeof(ITypedSessionStore));
    }

    [Fact]
    public void A_negative_clean_up_interval_fails_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddTypedSessionSqliteStore(options => options.CleanupInterval = TimeSpan.FromMinutes(-1));
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SqliteSessionStoreOptions>>().Value);
    }

    [Fact]
    public async Task A_file_from_a_newer_schema_is_refused_with_a_clear_error()
    {
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.LoadAsync(NewKey(), default));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SessionLimitPolicy.EvictLeastRecentlyUsed)]
    [InlineData(SessionLimitPolicy.RefuseNewLogin)]
    public async Task Simultaneous_logins_through_two_stores_on_one_file_leave_exactly_one_live_session(SessionLimitPolicy policy)
    {
        // Two stores on one file stand for two processes: only SQLite's write lock can serialize their logins.
        await using var other = CreateStore();
        var stores = new ISessionIndexStore[] { _store, other };
        var user = NewUser();
        var limit = new SessionLimit(1, policy);

        var logins = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var key = NewKey();
            var values = Values(("user", user));
            var commit = new SessionCommit(values, values, [], ReplaceAll: true, Created, Expiry())
            {
                CreatesEntry = true,
                Owner = new SessionOwner(user, Guid.NewGuid().ToString("D")),
            };
            return (Key: key, Result: await stores[i % 2].LogInAsync(key, commit, limit, replacing: null, CancellationToken.None));
        })));

        var live = new List<string>();
        foreach (var (key, _) in logins)
        {
            if (await Store.LoadAsync(key, CancellationToken.None) is not null)
            {
                live.Add(key);
            }
        }
        Assert.Equal(Assert.Single(live), Assert.Single(await other.GetSessionsAsync(user, Now, CancellationToken.None)).StorageKey);
        Assert.Equal(19, policy == SessionLimitPolicy.RefuseNewLogin ? logins.Count(l => l.Result.Refused) : logins.Sum(l => l.Result.Evicted.Count));
        Assert.Equal(1, await CountRowsAsync("typedsession_sessions WHERE user_id = '" + user + "'"));
    }

    [Fact]
    public async Task The_clean_up_leaves_expired_logged_in_sessions_for_TakeExpiredAsync_and_deletes_anonymous_ones()
    {
        var anonymous = NewKey();
        await Store.CommitAsync(anonymous, new SessionCommit(Values(("a", "1")), Values(("a", "1")), [], true, Created, Expiry(TimeSpan.FromMinutes(5))) { CreatesEntry = true }, default);
        var user = NewUser();
        var owned = await LogInAsync(user, idle: TimeSpan.FromMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(1, await _store.RemoveExpiredAsync(default));
        Assert.Equal(0, await CountRowsAsync("typedsession_sessions WHERE store_key = '" + anonymous + "'"));
        Assert.Equal(0, await CountRowsAsync("typedsession_values WHERE store_key = '" + anonymous + "'"));
        Assert.Equal(1, await CountRowsAsync("typedsession_sessions WHERE store_key = '" + owned.Key + "'"));
        Assert.Null(await Store.LoadAsync(owned.Key, default));
        Assert.Empty(await _store.GetSessionsAsync(user, Now, default));

        var taken = Assert.Single(await _store.TakeExpiredAsync(Now, 100, default));
        Assert.Equal(owned.Key, taken.StorageKey);
        Assert.Equal(owned.Owner, taken.Owner);
        Assert.Equal(0, await CountRowsAsync("typedsession_sessions"));
        Assert.Equal(0, await CountRowsAsync("typedsession_values"));
    }

    [Fact]
    public async Task Thousands_of_expired_logged_in_sessions_taken_in_batches_leave_no_rows()
    {
        const int Count = 2000;
        var users = Enumerable.Range(0, 30).Select(_ => NewUser()).ToArray();
        for (var i = 0; i < Count; i++)
        {
            await LogInAsync(users[i % users.Length], idle: TimeSpan.FromMinutes(5));
        }

        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(0, await _store.RemoveExpiredAsync(default));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<IndexedSession>();
            while (await _store.TakeExpiredAsync(Now, 250, default) is { Count: > 0 } batch)
            {
                Assert.True(batch.Count <= 250);
                mine.AddRange(batch);
            }
            return mine;
        })));
        foreach (var session in batches.SelectMany(b => b))
        {
            Assert.True(seen.Add(session.StorageKey), $"{session.StorageKey} was taken twice.");
        }

        Assert.Equal(Count, seen.Count);
        Assert.Equal(0, await CountRowsAsync("typedsession_sessions"));
        Assert.Equal(0, await CountRowsAsync("typedsession_values"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_file_of_an_older_schema_is_upgraded_in_place_and_keeps_its_sessions(int version)
    {
        var key = NewKey();
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = (version == 1 ? Version1SchemaSql : Version2SchemaSql) + $"""
                INSERT INTO typedsession_sessions (store_key, created_at, refreshed_at, expires_at)
                VALUES ($key, {Created.ToUnixTimeMilliseconds()}, {Now.ToUnixTimeMilliseconds()}, {(Now + TimeSpan.FromMinutes(20)).ToUnixTimeMilliseconds()});
                INSERT INTO typedsession_values (store_key, name, value) VALUES ($key, 'user', $value);
                """;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", Bytes("ada"));
            await command.ExecuteNonQueryAsync();
        }

        var entry = await LoadExistingAsync(key);
        Assert.Equal("ada", Texts(entry)["user"]);
        Assert.Equal(Created, entry.CreatedAt);
        Assert.False(entry.IsPersistent);
        Assert.Null(entry.Owner);
        Assert.Equal(3L, await ScalarAsync("PRAGMA user_version"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'typedsession_sessions_user'"));

        // The upgraded file takes logins and updates like a new one.
        Assert.True(await ChangeAsync(key, Values(("cart", "1 item"))));
        var user = NewUser();
        var login = await LogInAsync(user);
        Assert.Equal(login.Owner, (await LoadExistingAsync(login.Key)).Owner);
        Assert.Equal(login.Key, Assert.Single(await _store.GetSessionsAsync(user, Now, default)).StorageKey);

        // A second store on the upgraded file finds it current.
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _store = CreateStore();
        Assert.Equal(new Dictionary<string, string> { ["user"] = "ada", ["cart"] = "1 item" }, Texts(await LoadExistingAsync(key)));
    }

    private SqliteSessionStore CreateStore() =>
        new(Options.Create(new SqliteSessionStoreOptions { DatabasePath = DatabasePath, CleanupInterval = TimeSpan.FromMinutes(10) }), _time);

    private async Task<long> CountRowsAsync(string tableAndCondition)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM " + tableAndCondition;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
