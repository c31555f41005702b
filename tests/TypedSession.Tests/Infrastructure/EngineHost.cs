using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TypedSession.Tests.Engine.Support;

namespace TypedSession.Tests.Infrastructure;

/// <summary>
/// The tests' one in-process ASP.NET Core host. By default: TestServer, the stock session middleware over TypedSession's
/// engine, a fake clock starting at <see cref="Start"/>, fake logging, and the store wrapped for counting and fault
/// injection: <c>engine → CountingSessionStore → FailingSessionStore → DistributedCacheSessionStore → memory cache</c>.
/// <see cref="CreateBuilder"/> changes any of it (the session setup, controllers and pages, real Kestrel ...).
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    /// <summary>Where the fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider? _time;
    private readonly CountingSessionStore? _calls;
    private readonly FailingSessionStore? _faults;

    internal EngineHost(IHost host, FakeTimeProvider? time, CountingSessionStore? calls, FailingSessionStore? faults)
    {
        Host = host;
        _time = time;
        _calls = calls;
        _faults = faults;
    }

    /// <summary>The running host.</summary>
    public IHost Host { get; }

    /// <summary>The TestServer (throws on a host that runs on Kestrel).</summary>
    public TestServer Server => Host.GetTestServer();

    /// <summary>The address Kestrel listens on, a free loopback port (throws on a host that runs on TestServer).</summary>
    public Uri Address =>
        new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => Host.Services;

    /// <summary>The fake clock the app reads (throws on a host on the system clock).</summary>
    public FakeTimeProvider Time => _time ?? throw new InvalidOperationException("This host runs on the system clock.");

    /// <summary>The store calls the engine made (throws on a host whose test set up the sessions itself).</summary>
    public CountingSessionStore Calls => _calls ?? throw new InvalidOperationException("This host's sessions have no counted store.");

    /// <summary>Fault injection into the store (throws on a host whose test set up the sessions itself).</summary>
    public FailingSessionStore Faults => _faults ?? throw new InvalidOperationException("This host's sessions have no failing store.");

    /// <summary>What the app logged (throws on a host without fake logging).</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>A builder for a host that differs from the default.</summary>
    public static EngineHostBuilder CreateBuilder() => new();

    /// <summary>Starts the default host with <paramref name="endpoints"/> and the given changes.</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="options">Configures the engine.</param>
    /// <param name="services">Adds or replaces services after the default ones.</param>
    /// <param name="beforeSession">Middleware that runs before the session middleware.</param>
    /// <param name="middlewareOptions">The session middleware's options (the defaults when null).</param>
    public static Task<EngineHost> StartAsync(
        Action<IEndpointRouteBuilder> endpoints,
        Action<TypedSessionOptions>? options = null,
        Action<IServiceCollection>? services = null,
        Action<IApplicationBuilder>? beforeSession = null,
        SessionOptions? middlewareOptions = null)
    {
        var builder = CreateBuilder().MapEndpoints(endpoints);
        if (options is not null)
        {
            builder.ConfigureEngine(options);
        }
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
        if (beforeSession is not null)
        {
            builder.BeforeSession(beforeSession);
        }
        if (middlewareOptions is not null)
        {
            builder.WithSessionMiddleware(middlewareOptions);
        }
        return builder.StartAsync();
    }

    /// <summary>A client of this host that carries the session cookie and does not follow redirects.</summary>
    public SessionClient CreateClient() =>
        Host.Services.GetRequiredService<IServer>() is TestServer server ? new(server.CreateClient()) : new(Address, followRedirects: false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
