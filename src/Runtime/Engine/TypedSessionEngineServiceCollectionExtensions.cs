using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TypedSession;
using TypedSession.DataProtection;
using TypedSession.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers TypedSession's session engine.</summary>
public static class TypedSessionEngineServiceCollectionExtensions
{
    /// <summary>
    /// Makes TypedSession's session engine the <see cref="ISessionStore"/> behind the stock
    /// <c>app.UseSession()</c>, whether <c>AddSession()</c> is called before or after this, and registers its default
    /// store unless the application registered an <c>ITypedSessionStore</c>. <c>AddTypedSession&lt;T&gt;()</c> calls this.
    /// </summary>
    /// <remarks>
    /// The default store depends on the application's <c>IDistributedCache</c> registration, looked at when the store is
    /// first resolved, so the order of the calls does not matter. When it is the one <c>AddDistributedMemoryCache()</c>
    /// registers (which this method adds for an application that registers no cache): the native in-memory store, which
    /// keeps each session's values one by one in the process (concurrent requests of one session that set different keys
    /// all persist) with a per-user index, so logins, <c>ISessionDirectory</c> and <c>MaxSessionsPerUser</c> work; its
    /// sessions live in one process and end with it. When the application registered any other <c>IDistributedCache</c>
    /// (SQL Server, Redis through the stock cache, a type or an instance of its own, a shared
    /// <c>MemoryDistributedCache</c> instance included): one blob per session in that cache, the last writer winning,
    /// without a per-user index.
    /// </remarks>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the engine's options; they are validated when the application starts.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddTypedSessionEngine(this IServiceCollection services, Action<TypedSessionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // What the stock AddSession() registers besides its store (which is trimming-unsafe to call from here): data
        // protection and options. A later AddSession() call's TryAdd of the stock store finds the engine already there.
        services.AddDataProtection();
        // The session cookie's protector with a cache of cookies already opened (TypedSessionOptions.CookieCacheSize),
        // in front of the provider registered now; idempotent.
        CookieCacheRegistration.Install(services);
        services.AddOptions();
        services.AddDistributedMemoryCache();
        services.AddHttpContextAccessor();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        var options = services.AddOptions<TypedSessionOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TypedSessionOptions>, TypedSessionOptionsValidator>());

        services.TryAddSingleton(provider => DefaultSessionStore.Create(provider, services));
        services.TryAddSingleton<SessionEngine>();
        services.RemoveAll<ISessionStore>();
        services.AddSingleton<ISessionStore>(static provider => provider.GetRequiredService<SessionEngine>());
        // Resolving the directory over a store that cannot enumerate fails at once, naming the stores that can, rather
        // than on the first call in production.
        services.TryAddSingleton<ISessionDirectory>(static provider => provider.GetRequiredService<SessionEngine>() is { Store: ISessionIndexStore } engine
            ? new SessionDirectory(engine)
            : throw new NotSupportedException(SessionDirectory.NotSupportedMessage));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SessionExpirySweeper>());
        return services;
    }
}
