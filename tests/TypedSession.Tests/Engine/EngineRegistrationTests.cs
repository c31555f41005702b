using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedSession.Stores;
using TypedSession.Tests.Hosting;

namespace TypedSession.Tests.Engine;

public sealed class EngineRegistrationTests
{
    [Fact]
    public void Engine_is_the_session_store_when_AddSession_comes_before_it()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSession();
        services.AddTypedSessionEngine();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<SessionEngine>(provider.GetRequiredService<ISessionStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ISessionStore));
    }

    [Fact]
    public void Engine_is_the_session_store_when_AddSession_comes_after_it()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddTypedSessionEngine();
        services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(5));

        using var provider = services.BuildServiceProvider();

        Assert.IsType<SessionEngine>(provider.GetRequiredService<ISessionStore>());
        Assert.IsType<MemorySessionStore>(provider.GetRequiredService<ITypedSessionStore>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_default_store_is_in_memory_unless_the_application_registered_its_own_distributed_cache(bool cacheFirst)
    {
        var services = new ServiceCollection().AddLogging();
        if (cacheFirst)
        {
            services.AddSingleton<IDistributedCache>(new AsyncOnlyDistributedCache());
        }
        services.AddTypedSessionEngine();
        if (!cacheFirst)
        {
            services.AddSingleton<IDistributedCache>(new AsyncOnlyDistributedCache());
        }

        using var provider = services.BuildServiceProvider();

        Assert.IsType<DistributedCacheSessionStore>(provider.GetRequiredService<ITypedSessionStore>());
    }

    [Fact]
    public void A_memory_cache_instance_the_application_registered_gets_the_adapter()
    {
        // An instance of the application's own (one it shares, say) is where it wants the sessions.
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IDistributedCache>(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        services.AddTypedSessionEngine();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<DistributedCacheSessionStore>(provider.GetRequiredService<ITypedSessionStore>());
    }

    [Fact]
    public void An_explicit_AddDistributedMemoryCache_keeps_the_in_memory_store()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDistributedMemoryCache();
        services.AddTypedSessionEngine();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<MemorySessionStore>(provider.GetRequiredService<ITypedSessionStore>());
    }

    [Fact]
    public void AddTypedSession_brings_the_engine()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSession();
        services.AddTypedSession<CartSession>();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<SessionEngine>(provider.GetRequiredService<ISessionStore>());
    }

    [Fact]
    public async Task Invalid_options_stop_the_application_at_start_naming_each_setting()
    {
        var host = EngineHost.CreateBuilder()
            .UseSystemClock()
            .ConfigureSessions(s => s.AddTypedSessionEngine(o =>
            {
                o.RefreshThreshold = 1.5;
                o.MaxSessionBytes = 0;
                o.AbsoluteLifetime = TimeSpan.FromMinutes(-1);
            }))
            .Run(_ => Task.CompletedTask);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(host.StartAsync);

        Assert.Contains(error.Failures, f => f.Contains("RefreshThreshold"));
        Assert.Contains(error.Failures, f => f.Contains("MaxSessionBytes"));
        Assert.Contains(error.Failures, f => f.Contains("AbsoluteLifetime"));
    }
}
