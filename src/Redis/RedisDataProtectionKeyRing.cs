using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TypedSession.Stores.Redis;

/// <summary>
/// Keeps ASP.NET Core's Data Protection key ring in the Redis that holds the sessions, as a list under
/// <see cref="RedisSessionStoreOptions.DataProtectionKeysKey"/>, so that session cookies stay readable after a restart
/// and on every instance that shares the store.
/// </summary>
/// <remarks>
/// It runs after every <c>Configure</c> of <see cref="KeyManagementOptions"/> and fills in the key ring only where the
/// application chose none (<c>PersistKeysTo...</c> set <see cref="KeyManagementOptions.XmlRepository"/>), the way
/// ASP.NET Core's own read-only key directory setting does, and only while the Redis store is the engine's store: a
/// store registered after it takes the key ring along.
/// </remarks>
internal sealed class RedisDataProtectionKeyRing(IOptions<RedisSessionStoreOptions> storeOptions, IServiceProvider services)
    : IPostConfigureOptions<KeyManagementOptions>
{
    public void PostConfigure(string? name, KeyManagementOptions options)
    {
        if (name != Options.DefaultName || options.XmlRepository is not null)
        {
            return;
        }

        var store = storeOptions.Value;
        if (store.PersistDataProtectionKeys && services.GetService<ITypedSessionStore>() is RedisSessionStore sessionStore)
        {
            options.XmlRepository = new RedisXmlRepository(sessionStore.GetDatabaseForKeyRing, KeyOf(store));
        }
    }

    /// <summary>The Redis key of the key ring for <paramref name="options"/>.</summary>
    internal static string KeyOf(RedisSessionStoreOptions options) =>
        options.DataProtectionKeysKey ?? options.KeyPrefix + RedisSessionStoreOptions.DefaultDataProtectionKeysKey;
}
