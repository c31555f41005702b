using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSession.Stores;
using TypedSession.Stores.Sqlite;
using TypedSession.Tests.Stores.Support;

namespace TypedSession.Tests.Stores.Sqlite;

/// <summary>The SQLite store on a real file: the store contract, plus persistence, expiry and clean-up.</summary>
public sealed class SqliteSessionStoreTests : NativeSessionStoreContractTests, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("typedsession-sqlite-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero));
    private SqliteSessionStore _store = null!;

    protected override ITypedSessionStore Store => _store;

    protected override DateTimeOffset Now => _time.GetUtcNow();

    private string DatabasePath => Path.Combine(_directory, "sessions.db");

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

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
