using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TypedSession.Tests.Stores.Redis;

/// <summary>
/// The Redis store keeps ASP.NET Core's Data Protection key ring in the same Redis, under the documented key, unless
/// the application turned it off or chose a key ring of its own. (That a cookie then survives a restart on a fresh
/// profile is proven with the sample in <c>ScaleOut/SampleInstancesTests</c>.)
/// </summary>
public sealed class RedisDataProtectionKeyRingTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private readonly RedisServer _server = fixture.Server;

    [Fact]
    public async Task The_key_ring_is_a_Redis_list_named_after_the_key_prefix_once_a_cookie_was_issued()
    {
        var prefix = $"keyring-{Guid.NewGuid():N}:";
        await using var app = await SessionKeysApp.StartAsync(Sessions(options => options.KeyPrefix = prefix), keyRing: null);
        using var client = app.CreateClient();

        await client.SetAsync("name", "ada");

        Assert.IsType<RedisXmlRepository>(app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        Assert.Equal("list", (await _server.CliAsync("type", prefix + "DataProtection-Keys")).Trim());
        Assert.Contains("<key id=", await _server.CliAsync("lindex", prefix + "DataProtection-Keys", "0"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataProtectionKeysKey_names_the_key_ring_s_Redis_key()
    {
        var key = $"custom-{Guid.NewGuid():N}:keys";
        await using var app = await SessionKeysApp.StartAsync(Sessions(options => options.DataProtectionKeysKey = key), keyRing: null);
        using var client = app.CreateClient();

        await client.SetAsync("name", "ada");

        Assert.Equal("list", (await _server.CliAsync("type", key)).Trim());
        Assert.Equal("none", (await _server.CliAsync("type", "typedsession:DataProtection-Keys")).Trim());
    }

    [Fact]
    public void Turning_PersistDataProtectionKeys_off_leaves_Data_Protection_alone()
    {
        var options = KeyManagement(services => services.AddTypedSessionRedisStore(store =>
        {
            store.Configuration = _server.Configuration;
            store.PersistDataProtectionKeys = false;
        }));

        Assert.Null(options.XmlRepository);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_key_ring_the_application_chose_wins_whether_it_is_configured_before_or_after_the_store(bool storeFirst)
    {
        var directory = Path.Combine(Path.GetTempPath(), "typedsession-app-keys-" + Guid.NewGuid().ToString("N"));
        var options = KeyManagement(services =>
        {
            if (storeFirst)
            {
                services.AddTypedSessionRedisStore(_server.Configuration);
            }

            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(directory));
            if (!storeFirst)
            {
                services.AddTypedSessionRedisStore(_server.Configuration);
            }
        });

        var repository = Assert.IsType<FileSystemXmlRepository>(options.XmlRepository);
        Assert.Equal(directory, repository.Directory.FullName);
    }

    private Action<IServiceCollection> Sessions(Action<TypedSession.Stores.Redis.RedisSessionStoreOptions> configure) => services =>
    {
        services.AddSession();
        services.AddTypedSessionEngine();
        services.AddTypedSessionRedisStore(options =>
        {
            options.Configuration = _server.Configuration;
            configure(options);
        });
    };

    internal static KeyManagementOptions KeyManagement(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        configure(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
    }
}
