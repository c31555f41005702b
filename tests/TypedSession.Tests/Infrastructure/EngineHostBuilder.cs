using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TypedSession.Stores;
using TypedSession.Tests.Engine.Support;

namespace TypedSession.Tests.Infrastructure;

/// <summary>
/// Describes an <see cref="EngineHost"/> that differs from the default: each method changes one thing and returns the
/// builder; <see cref="StartAsync"/> builds and starts the host.
/// </summary>
public sealed class EngineHostBuilder
{
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly List<Action<IEndpointRouteBuilder>> _endpoints = [];
    private readonly List<Action<IApplicationBuilder>> _beforeSession = [];
    private Action<TypedSessionOptions>? _engineOptions;
    private Action<IServiceCollection>? _sessions;
    private SessionOptions? _middlewareOptions;
    private bool _useSession = true;
    private bool _kestrel;
    private bool _fakeClock = true;
    private FakeTimeProvider? _sharedClock;
    private bool _fakeLogging = true;
    private string? _pagesRoot;
    private RequestDelegate? _handler;

    internal EngineHostBuilder()
    {
    }

    /// <summary>Configures the engine of the default session setup.</summary>
    public EngineHostBuilder ConfigureEngine(Action<TypedSessionOptions> options)
    {
        _engineOptions += options;
        return this;
    }

    /// <summary>
    /// Sets up the sessions with <paramref name="sessions"/> (the stock session, the engine, a store or a cache of the
    /// test's choice) instead of the engine over the counted store; <see cref="EngineHost.Calls"/> and
    /// <see cref="EngineHost.Faults"/> are then unavailable.
    /// </summary>
    public EngineHostBuilder ConfigureSessions(Action<IServiceCollection> sessions)
    {
        _sessions = sessions;
        return this;
    }

    /// <summary>Adds or replaces services after the session setup.</summary>
    public EngineHostBuilder ConfigureServices(Action<IServiceCollection> services)
    {
        _services.Add(services);
        return this;
    }

    /// <summary>Adds middleware that runs before the session middleware.</summary>
    public EngineHostBuilder BeforeSession(Action<IApplicationBuilder> app)
    {
        _beforeSession.Add(app);
        return this;
    }

    /// <summary>Gives the session middleware these options instead of the defaults.</summary>
    public EngineHostBuilder WithSessionMiddleware(SessionOptions options)
    {
        _middlewareOptions = options;
        return this;
    }

    /// <summary>Leaves out the session middleware (<c>UseSession</c>), as an app that forgot it.</summary>
    public EngineHostBuilder WithoutSessionMiddleware()
    {
        _useSession = false;
        return this;
    }

    /// <summary>Adds endpoints.</summary>
    public EngineHostBuilder MapEndpoints(Action<IEndpointRouteBuilder> endpoints)
    {
        _endpoints.Add(endpoints);
        return this;
    }

    /// <summary>Answers every request no endpoint matched with <paramref name="handler"/>, after the session middleware.</summary>
    public EngineHostBuilder Run(RequestDelegate handler)
    {
        _handler = handler;
        return this;
    }

    /// <summary>
    /// Serves this test assembly's controllers and the Razor pages under <paramref name="pagesRoot"/> (only this
    /// assembly's, not those of the referenced sample app).
    /// </summary>
    public EngineHostBuilder WithControllersAndPages(string pagesRoot)
    {
        _pagesRoot = pagesRoot;
        return this;
    }

    /// <summary>Runs on a real Kestrel on a free loopback port instead of TestServer.</summary>
    public EngineHostBuilder UseKestrel()
    {
        _kestrel = true;
        return this;
    }

    /// <summary>Leaves the system clock in place instead of a fake one.</summary>
    public EngineHostBuilder UseSystemClock()
    {
        _fakeClock = false;
        return this;
    }

    /// <summary>
    /// Runs on <paramref name="time"/> instead of a fake clock of its own, so that several hosts (instances of one app
    /// behind a load balancer) and the store they share read one clock.
    /// </summary>
    public EngineHostBuilder UseClock(FakeTimeProvider time)
    {
        _sharedClock = time;
        _fakeClock = true;
        return this;
    }

    /// <summary>Logs nothing, instead of collecting every log at Debug and above.</summary>
    public EngineHostBuilder WithoutLogging()
    {
        _fakeLogging = false;
        return this;
    }

    /// <summary>Builds and starts the host.</summary>
    public async Task<EngineHost> StartAsync()
    {
        var time = _fakeClock ? _sharedClock ?? new FakeTimeProvider(EngineHost.Start) : null;
        CountingSessionStore? calls = null;
        FailingSessionStore? faults = null;
        var testAssembly = typeof(EngineHostBuilder).Assembly;
        var host = new HostBuilder()
            .ConfigureWebHost(web =>
            {
                if (_pagesRoot is not null)
                {
                    // The test assembly, so that controllers and Razor pages are looked for there.
                    web.UseSetting(WebHostDefaults.ApplicationKey, testAssembly.GetName().Name);
                }
                if (_kestrel)
                {
                    web.UseKestrel().UseUrls("http://127.0.0.1:0");
                }
                else
                {
                    web.UseTestServer();
                }
                web.ConfigureServices(s =>
                {
                    if (_fakeLogging)
                    {
                        s.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
                    }
                    if (time is not null)
                    {
                        s.AddSingleton<TimeProvider>(time);
                    }
                    s.AddRouting();
                    if (_sessions is not null)
                    {
                        _sessions(s);
                    }
                    else
                    {
                        s.AddSession();
                        s.AddTypedSessionEngine(_engineOptions);
                        s.AddSingleton<ITypedSessionStore>(provider =>
                        {
                            faults = new FailingSessionStore(new DistributedCacheSessionStore(
                                provider.GetRequiredService<IDistributedCache>(), time ?? provider.GetRequiredService<TimeProvider>()));
                            calls = new CountingSessionStore(faults);
                            return calls;
                        });
                    }
                    if (_pagesRoot is not null)
                    {
                        s.AddControllers().ConfigureApplicationPartManager(parts =>
                        {
                            parts.ApplicationParts.Clear();
                            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(testAssembly).GetApplicationParts(testAssembly))
                            {
                                parts.ApplicationParts.Add(part);
                            }
                        });
                        s.AddRazorPages(options => options.RootDirectory = _pagesRoot);
                    }
                    foreach (var services in _services)
                    {
                        services(s);
                    }
                });
                web.Configure(app =>
                {
                    foreach (var middleware in _beforeSession)
                    {
                        middleware(app);
                    }
                    if (_useSession)
                    {
                        if (_middlewareOptions is null)
                        {
                            app.UseSession();
                        }
                        else
                        {
                            app.UseSession(_middlewareOptions);
                        }
                    }
                    app.UseRouting();
                    app.UseEndpoints(endpoints =>
                    {
                        if (_pagesRoot is not null)
                        {
                            endpoints.MapControllers();
                            endpoints.MapRazorPages();
                        }
                        foreach (var map in _endpoints)
                        {
                            map(endpoints);
                        }
                    });
                    if (_handler is not null)
                    {
                        app.Run(_handler);
                    }
                });
            })
            .Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }
        if (_sessions is null)
        {
            // The store is a singleton the engine resolves at start-up; resolve it here in case nothing has yet.
            host.Services.GetRequiredService<ITypedSessionStore>();
        }
        return new EngineHost(host, time, calls, faults);
    }
}
