using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TypedSession.Stores;
using TypedSession.Stores.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers TypedSession's Redis store as the store of TypedSession's session engine.</summary>
public static class RedisSessionStoreServiceCollectionExtensions
{
    /// <summary>
    /// Keeps sessions in Redis, reached through <paramref name="configuration"/> (a StackExchange.Redis configuration
    /// string such as <c>localhost:6379</c>), and the Data Protection key ring beside them unless the application
    /// chose its own (see <see cref="RedisSessionStoreOptions.PersistDataProtectionKeys"/>). Replaces any store
    /// registered before; call it with or without <c>AddTypedSession</c>, in any order.
    /// </summary>
    public static IServiceCollection AddTypedSessionRedisStore(this IServiceCollection services, string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return services.AddTypedSessionRedisStore(options => options.Configuration = configuration);
    }

    /// <summary>Keeps sessions in Redis through an existing connection, which the store never disposes.</summary>
    public static IServiceCollection AddTypedSessionRedisStore(this IServiceCollection services, IConnectionMultiplexer connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return services.AddTypedSessionRedisStore(options => options.ConnectionMultiplexerFactory = () => Task.FromResult(connection));
    }

    /// <summary>
    /// Keeps sessions in Redis through the <see cref="IConnectionMultiplexer"/> registered in the service container (start-up
    /// fails when there is none), and the Data Protection key ring beside them unless the application chose its own.
    /// </summary>
    public static IServiceCollection AddTypedSessionRedisStore(this IServiceCollection services) => services.AddTypedSessionRedisStore(configure: null);

    /// <summary>
    /// Keeps sessions in Redis, configured by <paramref name="configure"/>. Without a connection in the options, the
    /// store uses the <see cref="IConnectionMultiplexer"/> registered in the service container; start-up fails when
    /// there is none.
    /// </summary>
    public static IServiceCollection AddTypedSessionRedisStore(this IServiceCollection services, Action<RedisSessionStoreOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<RedisSessionStoreOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.PostConfigure<IServiceProvider>((options, provider) =>
        {
            if (options.ConnectionMultiplexerFactory is null && options.ConfigurationOptions is null && string.IsNullOrWhiteSpace(options.Configuration)
                && provider.GetService<IServiceProviderIsService>()?.IsService(typeof(IConnectionMultiplexer)) == true)
            {
                options.ConnectionMultiplexerFactory = () => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>());
            }
        });
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisSessionStoreOptions>, RedisSessionStoreOptionsValidator>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<KeyManagementOptions>, RedisDataProtectionKeyRing>());

        services.TryAddSingleton<RedisSessionStore>();
        services.RemoveAll<ITypedSessionStore>();
        services.AddSingleton<ITypedSessionStore>(provider => provider.GetRequiredService<RedisSessionStore>());
        return services;
    }
}
