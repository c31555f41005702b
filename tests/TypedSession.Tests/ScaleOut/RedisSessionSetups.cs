using Microsoft.Extensions.DependencyInjection;

namespace TypedSession.Tests.ScaleOut;

/// <summary>The two ways a test app keeps sessions in Redis: TypedSession's engine and Redis store, or the stock session over the stock Redis cache.</summary>
internal static class RedisSessionSetups
{
    public static Action<IServiceCollection> TypedSession(string redis) => services =>
    {
        services.AddSession();
        services.AddTypedSessionEngine();
        services.AddTypedSessionRedisStore(redis);
    };

    public static Action<IServiceCollection> Stock(string redis) => services =>
    {
        services.AddStackExchangeRedisCache(options =>
        {
            options.Configuration = redis;
            options.InstanceName = "stock:";
        });
        services.AddSession();
    };
}
