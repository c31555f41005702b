using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TypedSession.Tests.Stores.Redis;

namespace TypedSession.Tests.Stores.Sqlite;

/// <summary>
/// The SQLite store keeps ASP.NET Core's Data Protection key ring in a folder beside the database file unless the
/// application turned it off or chose a key ring of its own. (That a cookie then survives a restart on a fresh profile
/// is proven with the sample in <c>ScaleOut/SampleInstancesTests</c>.)
/// </summary>
public sealed class SqliteDataProtectionKeyRingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("typedsession-sqlite-keys-").FullName;

    private string DatabasePath => Path.Combine(_directory, "data", "sessions.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_key_ring_is_kept_in_DataProtection_Keys_beside_the_database_once_a_cookie_was_issued()
    {
        await using (var app = await SessionKeysApp.StartAsync(
            services =>
            {
                services.AddSession();
                services.AddTypedSessionEngine();
                services.AddTypedSessionSqliteStore(DatabasePath);
            },
            keyRing: null))
        {
            using var client = app.CreateClient();
            await client.SetAsync("name", "ada");
        }

        var keys = Directory.GetFiles(Path.Combine(_directory, "data", "DataProtection-Keys"), "key-*.xml");
        Assert.Single(keys);
        Assert.Contains("<key id=", await File.ReadAllTextAsync(keys[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void DataProtectionKeysDirectory_moves_the_key_ring()
    {
        var elsewhere = Path.Combine(_directory, "elsewhere");
        var options = RedisDataProtectionKeyRingTests.KeyManagement(services => services.AddTypedSessionSqliteStore(store =>
        {
            store.DatabasePath = DatabasePath;
            store.DataProtectionKeysDirectory = elsewhere;
        }));

        Assert.Equal(elsewhere, Assert.IsType<FileSystemXmlRepository>(options.XmlRepository).Directory.FullName);
    }

    [Fact]
    public void Turning_PersistDataProtectionKeys_off_leaves_Data_Protection_alone()
    {
        var options = RedisDataProtectionKeyRingTests.KeyManagement(services => services.AddTypedSessionSqliteStore(store =>
        {
            store.DatabasePath = DatabasePath;
            store.PersistDataProtectionKeys = false;
        }));

        Assert.Null(options.XmlRepository);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_key_ring_the_application_chose_wins_whether_it_is_configured_before_or_after_the_store(bool storeFirst)
    {
        var chosen = Path.Combine(_directory, "chosen");
        var options = RedisDataProtectionKeyRingTests.KeyManagement(services =>
        {
            if (storeFirst)
            {
                services.AddTypedSessionSqliteStore(DatabasePath);
            }

            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(chosen));
            if (!storeFirst)
            {
                services.AddTypedSessionSqliteStore(DatabasePath);
            }
        });

        Assert.Equal(chosen, Assert.IsType<FileSystemXmlRepository>(options.XmlRepository).Directory.FullName);
    }

    [Fact]
    public void The_store_registered_last_keeps_the_key_ring()
    {
        var sqliteLast = RedisDataProtectionKeyRingTests.KeyManagement(services =>
        {
            services.AddTypedSessionRedisStore("127.0.0.1:1");
            services.AddTypedSessionSqliteStore(DatabasePath);
        });
        var redisLast = RedisDataProtectionKeyRingTests.KeyManagement(services =>
        {
            services.AddTypedSessionSqliteStore(DatabasePath);
            services.AddTypedSessionRedisStore("127.0.0.1:1");
        });

        Assert.Equal(Path.Combine(_directory, "data", "DataProtection-Keys"),
            Assert.IsType<FileSystemXmlRepository>(sqliteLast.XmlRepository).Directory.FullName);
        Assert.IsType<RedisXmlRepository>(redisLast.XmlRepository);
    }
}
