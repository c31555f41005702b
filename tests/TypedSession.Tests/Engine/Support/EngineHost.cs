using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TypedSession.Stores;

namespace TypedSession.Tests.Engine.Support;

/// <summary>
/// A real ASP.NET Core host on TestServer with the stock session middleware over TypedSession's engine, a fake clock,
/// fake logging, and the store wrapped for counting and fault injection:
/// <c>engine → CountingSessionStore → FailingSessionStore → DistributedCacheSessionStore → memory cache</c>.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private EngineHost(IHost host, FakeTimeProvider time, CountingSessionStore calls, FailingSessionStore faults)
    {
        Host = host;
        Time = time;
        Calls = calls;
        Faults = faults;
    }

    public IHost Host { get; }

    public TestServer Server => Host.GetTestServer();

    public IServiceProvider Services => Host.Services;

    public FakeTimeProvider Time { get; }

    public CountingSessionStore Calls { get; }

    public FailingSessionStore Faults { get; }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public static async Task<EngineHost> StartAsync(
        Action<IEndpointRouteBuilder> endpoints,
        Action<TypedSessionOptions>? options = null,
        Action<IServiceCollection>? services = null,
        Action<IApplicationBuilder>? beforeSession = null,
        SessionOptions? middlewareOptions = null)
    {
        var time = new FakeTimeProvider(Start);
        CountingSessionStore? calls = null;
        FailingSessionStore? faults = null;
        var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s =>
                {
                    s.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
                    s.AddSingleton<TimeProvider>(time);
                    s.AddRouting();
                    s.AddSession();
                    s.AddTypedSessionEngine(options);
                    s.AddSingleton<ITypedSessionStore>(provider =>
                    {
                        faults = new FailingSessionStore(new DistributedCacheSessionStore(provider.GetRequiredService<IDistributedCache>(), time));
                        calls = new CountingSessionStore(faults);
                        return calls;
                    });
                    services?.Invoke(s);
                })
                .Configure(app =>
                {
                    beforeSession?.Invoke(app);
                    if (middlewareOptions is null)
                    {
                        app.UseSession();
                    }
                    else
                    {
                        app.UseSession(middlewareOptions);
                    }
                    app.UseRouting();
                    app.UseEndpoints(endpoints);
                }))
            .Build();
        await host.StartAsync();
        // The store is a singleton the engine resolves at start-up; resolve it here in case nothing has yet.
        host.Services.GetRequiredService<ITypedSessionStore>();
        return new EngineHost(host, time, calls!, faults!);
    }

    public SessionClient CreateClient() => new(Server.CreateClient());

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
