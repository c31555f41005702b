using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSession.Stores;

namespace TypedSession.Tests.Engine;

/// <summary>
/// The scenarios of ASP.NET Core's own session middleware tests (src/Middleware/Session/test/SessionTests.cs), named
/// after the originals, run against the stock middleware over TypedSession's engine. Where the engine deliberately
/// differs (no store call for untouched requests, LoadAsync does not throw for a failing store, a failed commit can
/// fail the request), the test says so and asserts the engine's documented behaviour instead.
/// </summary>
public sealed class StockSessionScenarioTests
{
    private const string SessionCategory = "TypedSession.SessionEngine";
    private const string MiddlewareCategory = "Microsoft.AspNetCore.Session.SessionMiddleware";

    private static Task<EngineHost> StartAsync(
        RequestDelegate handler,
        Action<IServiceCollection>? services = null,
        SessionOptions? sessionOptions = null,
        Action<IApplicationBuilder>? beforeSession = null,
        Action<TypedSessionOptions>? options = null)
    {
        var builder = EngineHost.CreateBuilder()
            .UseSystemClock()
            .ConfigureSessions(s =>
            {
                s.AddDistributedMemoryCache();
                // The engine first, then the stock AddSession(), as an app that adds TypedSession to existing code does.
                s.AddTypedSessionEngine(options);
                s.AddSession();
            })
            .Run(handler);
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
        if (sessionOptions is not null)
        {
            builder.WithSessionMiddleware(sessionOptions);
        }
        if (beforeSession is not null)
        {
            builder.BeforeSession(beforeSession);
        }
        return builder.StartAsync();
    }

    private static IReadOnlyList<FakeLogRecord> Logs(EngineHost host, string category) =>
        [.. host.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Category == category)];

    [Fact]
    public async Task ReadingEmptySessionDoesNotCreateCookie()
    {
        await using var host = await StartAsync(context =>
        {
            Assert.Null(context.Session.GetString("NotFound"));
            return Task.CompletedTask;
        });

        var response = await host.Server.CreateClient().GetAsync(string.Empty);

        response.EnsureSuccessStatusCode();
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out _));
    }

    [Fact]
    public async Task SettingAValueCausesTheCookieToBeCreated()
    {
        await using var host = await StartAsync(context =>
        {
            Assert.Null(context.Session.GetString("Key"));
            context.Session.SetString("Key", "Value");
            Assert.Equal("Value", context.Session.GetString("Key"));
            return Task.CompletedTask;
        });

        var response = await host.Server.CreateClient().GetAsync(string.Empty);

        response.EnsureSuccessStatusCode();
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var values));
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(values)));
    }

    [Theory]
    [InlineData(CookieSecurePolicy.Always, "http://example.com/testpath", true)]
    [InlineData(CookieSecurePolicy.Always, "https://example.com/testpath", true)]
    [InlineData(CookieSecurePolicy.None, "http://example.com/testpath", false)]
    [InlineData(CookieSecurePolicy.None, "https://example.com/testpath", false)]
    [InlineData(CookieSecurePolicy.SameAsRequest, "http://example.com/testpath", false)]
    [InlineData(CookieSecurePolicy.SameAsRequest, "https://example.com/testpath", true)]
    public async Task SecureSessionBasedOnHttpsAndSecurePolicy(CookieSecurePolicy cookieSecurePolicy, string requestUri, bool shouldBeSecureOnly)
    {
        await using var host = await StartAsync(
            context =>
            {
                Assert.Null(context.Session.GetString("Key"));
                context.Session.SetString("Key", "Value");
                Assert.Equal("Value", context.Session.GetString("Key"));
                return Task.CompletedTask;
            },
            sessionOptions: new SessionOptions { Cookie = { Name = "TestCookie", SecurePolicy = cookieSecurePolicy } });

        var response = await host.Server.CreateClient().GetAsync(requestUri);

        response.EnsureSuccessStatusCode();
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var values));
        var cookie = Assert.Single(values);
        Assert.StartsWith("TestCookie=", cookie);
        if (shouldBeSecureOnly)
        {
            Assert.Contains("; secure", cookie);
        }
        else
        {
            Assert.DoesNotContain("; secure", cookie);
        }
    }

    [Fact]
    public async Task SessionCanBeAccessedOnTheNextRequest()
    {
        await using var host = await StartAsync(context =>
        {
            var value = context.Session.GetInt32("Key");
            if (context.Request.Path == new PathString("/first"))
            {
                Assert.False(value.HasValue);
                value = 0;
            }
            Assert.True(value.HasValue);
            context.Session.SetInt32("Key", value.Value + 1);
            return context.Response.WriteAsync(value.Value.ToString(CultureInfo.InvariantCulture));
        });
        var client = new SessionClient(host.Server.CreateClient());

        Assert.Equal("0", await client.GetStringAsync("/first"));
        Assert.Equal("1", await client.GetStringAsync("/"));
        Assert.Equal("2", await client.GetStringAsync("/"));
        Assert.Equal("3", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task RemovedItemCannotBeAccessedAgain()
    {
        await using var host = await StartAsync(context =>
        {
            var value = context.Session.GetInt32("Key");
            if (context.Request.Path == new PathString("/first"))
            {
                Assert.False(value.HasValue);
                value = 0;
                context.Session.SetInt32("Key", 1);
            }
            else if (context.Request.Path == new PathString("/second"))
            {
                Assert.Equal(1, value);
                context.Session.Remove("Key");
            }
            else if (context.Request.Path == new PathString("/third"))
            {
                Assert.False(value.HasValue);
                value = 2;
            }
            return context.Response.WriteAsync(value!.Value.ToString(CultureInfo.InvariantCulture));
        });
        var client = new SessionClient(host.Server.CreateClient());

        Assert.Equal("0", await client.GetStringAsync("/first"));
        Assert.Equal("1", await client.GetStringAsync("/second"));
        Assert.Equal("2", await client.GetStringAsync("/third"));
    }

    [Fact]
    public async Task ClearedItemsCannotBeAccessedAgain()
    {
        await using var host = await StartAsync(context =>
        {
            var value = context.Session.GetInt32("Key");
            if (context.Request.Path == new PathString("/first"))
            {
                Assert.False(value.HasValue);
                value = 0;
                context.Session.SetInt32("Key", 1);
            }
            else if (context.Request.Path == new PathString("/second"))
            {
                Assert.Equal(1, value);
                context.Session.Clear();
            }
            else if (context.Request.Path == new PathString("/third"))
            {
                Assert.False(value.HasValue);
                value = 2;
            }
            return context.Response.WriteAsync(value!.Value.ToString(CultureInfo.InvariantCulture));
        });
        var client = new SessionClient(host.Server.CreateClient());

        Assert.Equal("0", await client.GetStringAsync("/first"));
        Assert.Equal("1", await client.GetStringAsync("/second"));
        Assert.Equal("2", await client.GetStringAsync("/third"));
    }

    [Fact]
    public async Task SessionStart_LogsInformation()
    {
        await using var host = await StartAsync(context =>
        {
            context.Session.SetString("Key", "Value");
            return Task.CompletedTask;
        });

        (await host.Server.CreateClient().GetAsync(string.Empty)).EnsureSuccessStatusCode();

        var logs = Logs(host, SessionCategory);
        Assert.Equal(2, logs.Count);
        Assert.Contains("started", logs[0].Message);
        Assert.Equal(LogLevel.Information, logs[0].Level);
        Assert.Contains("written", logs[1].Message);
        Assert.Equal(LogLevel.Debug, logs[1].Level);
    }

    [Fact]
    public async Task ExpiredSession_LogsInfo()
    {
        // The original sleeps past a 30 ms idle timeout; the engine's clock is a TimeProvider, so this one advances it.
        var time = new FakeTimeProvider(EngineHost.Start);
        await using var host = await StartAsync(
            context =>
            {
                var value = context.Session.GetInt32("Key");
                if (context.Request.Path == new PathString("/first"))
                {
                    Assert.False(value.HasValue);
                    value = 1;
                    context.Session.SetInt32("Key", 1);
                }
                else if (context.Request.Path == new PathString("/second"))
                {
                    Assert.False(value.HasValue);
                    value = 2;
                }
                return context.Response.WriteAsync(value!.Value.ToString(CultureInfo.InvariantCulture));
            },
            services: s =>
            {
                s.AddSingleton<TimeProvider>(time);
                s.Configure<SessionOptions>(o => o.IdleTimeout = TimeSpan.FromMinutes(1));
                // As in the original, a memory cache, through the IDistributedCache adapter: the cache runs on the system
                // clock and still returns the entry, so the engine is what notices the expiry. (The default in-memory
                // store runs on the fake clock and returns no expired entry: the engine then sees a missing session.)
                s.AddSingleton<IDistributedCache>(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
            });
        var client = new SessionClient(host.Server.CreateClient());
        await client.GetStringAsync("/first");
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("2", await client.GetStringAsync("/second"));

        // Information only: the handler's synchronous access also earns the once-per-application hint (a warning).
        var logs = Logs(host, SessionCategory).Where(r => r.Level == LogLevel.Information).ToList();
        Assert.Equal(2, logs.Count);
        Assert.Contains("started", logs[0].Message);
        Assert.Contains("expired", logs[1].Message);
        Assert.Equal(LogLevel.Information, logs[1].Level);
    }

    [Fact]
    public async Task RefreshesSession_WhenSessionData_IsNotModified()
    {
        // Deliberate difference: the original keeps the session alive with requests that never touch it, because the
        // stock session refreshes on every request. The engine makes no store call for such requests (issue: untouched
        // requests cost nothing), so here the requests read the session without modifying it, and the engine's rare
        // refreshes keep it alive past the 20-minute idle timeout.
        var time = new FakeTimeProvider(EngineHost.Start);
        await using var host = await StartAsync(
            context =>
            {
                var responseData = string.Empty;
                if (context.Request.Path == new PathString("/AddDataToSession"))
                {
                    context.Session.SetInt32("Key", 10);
                    responseData = "added data to session";
                }
                else if (context.Request.Path == new PathString("/AccessSessionData"))
                {
                    var value = context.Session.GetInt32("Key");
                    responseData = value == null ? "No value found in session." : value.Value.ToString(CultureInfo.InvariantCulture);
                }
                return context.Response.WriteAsync(responseData);
            },
            services: s => s.AddSingleton<TimeProvider>(time));
        var client = new SessionClient(host.Server.CreateClient());
        await client.GetStringAsync("/AddDataToSession");

        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal("10", await client.GetStringAsync("/AccessSessionData"));
        }

        Assert.Equal("10", await client.GetStringAsync("/AccessSessionData"));
    }

    [Fact]
    public async Task SessionFeature_IsUnregistered_WhenResponseGoingOut()
    {
        await using var host = await StartAsync(
            context =>
            {
                context.Session.SetString("key", "value");
                return Task.CompletedTask;
            },
            beforeSession: app => app.Use(async (httpContext, next) =>
            {
                await next(httpContext);
                Assert.Null(httpContext.Features.Get<ISessionFeature>());
            }));

        (await host.Server.CreateClient().GetAsync(string.Empty)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task SessionFeature_IsUnregistered_WhenResponseGoingOut_AndAnUnhandledExcetionIsThrown()
    {
        var checkedAfterException = false;
        await using var host = await StartAsync(
            _ => throw new InvalidOperationException("An error occurred."),
            beforeSession: app => app.Use(async (httpContext, next) =>
            {
                var exceptionThrown = false;
                try
                {
                    await next(httpContext);
                }
                catch
                {
                    exceptionThrown = true;
                }
                Assert.True(exceptionThrown);
                Assert.Null(httpContext.Features.Get<ISessionFeature>());
                checkedAfterException = true;
            }));

        await host.Server.CreateClient().GetAsync(string.Empty);

        Assert.True(checkedAfterException);
    }

    [Fact]
    public async Task SessionKeys_AreCaseSensitive()
    {
        await using var host = await StartAsync(context =>
        {
            context.Session.SetString("KEY", "VALUE");
            context.Session.SetString("key", "value");
            Assert.Equal("VALUE", context.Session.GetString("KEY"));
            Assert.Equal("value", context.Session.GetString("key"));
            return context.Response.WriteAsync("checked");
        });

        Assert.Equal("checked", await host.Server.CreateClient().GetStringAsync(string.Empty));
    }

    [Fact]
    public async Task SessionLogsCacheReadException()
    {
        await using var host = await StartAsync(
            context =>
            {
                Assert.False(context.Session.TryGetValue("key", out var value));
                Assert.Null(value);
                Assert.Equal(string.Empty, context.Session.Id);
                Assert.False(context.Session.Keys.Any());
                return context.Response.WriteAsync("checked");
            },
            services: s => s.AddSingleton<IDistributedCache>(new UnreliableCache { DisableGet = true }));
        var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", await ExistingSessionCookieAsync(host));

        Assert.Equal("checked", await client.GetStringAsync(string.Empty));

        var message = Logs(host, SessionCategory).First(r => r.Level == LogLevel.Error);
        Assert.Contains("could not be loaded", message.Message);
    }

    [Fact]
    public async Task SessionLogsCacheLoadAsyncException()
    {
        // Deliberate difference: the stock LoadAsync throws; the engine's reports the session unavailable instead, so
        // that TypedSession's own loading (handler parameters, controllers) gives defaults rather than failing reads.
        await using var host = await StartAsync(
            async context =>
            {
                await context.Session.LoadAsync();
                Assert.False(context.Session.IsAvailable);
                Assert.Equal(string.Empty, context.Session.Id);
                Assert.False(context.Session.Keys.Any());
                await context.Response.WriteAsync("checked");
            },
            services: s => s.AddSingleton<IDistributedCache>(new UnreliableCache { DisableGet = true }));
        var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", await ExistingSessionCookieAsync(host));

        Assert.Equal("checked", await client.GetStringAsync(string.Empty));

        var message = Logs(host, SessionCategory).First();
        Assert.Contains("could not be loaded", message.Message);
        Assert.Equal(LogLevel.Error, message.Level);
    }

    [Fact]
    public async Task SessionLogsCacheLoadAsyncTimeoutException()
    {
        await using var host = await StartAsync(
            async context =>
            {
                await context.Session.LoadAsync();
                Assert.False(context.Session.IsAvailable);
                await context.Response.WriteAsync("checked");
            },
            services: s => s.AddSingleton<IDistributedCache>(new UnreliableCache { DelayGetAsync = true }),
            sessionOptions: new SessionOptions { IOTimeout = TimeSpan.FromSeconds(0.5) });
        var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", await ExistingSessionCookieAsync(host));

        Assert.Equal("checked", await client.GetStringAsync(string.Empty));

        var message = Assert.Single(Logs(host, SessionCategory), r => r.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Error, message.Level);
        Assert.IsType<OperationCanceledException>(message.Exception, exactMatch: false);
    }

    [Fact]
    public async Task SessionLoadAsyncCanceledException()
    {
        await using var host = await StartAsync(
            async context =>
            {
                using var cts = new CancellationTokenSource();
                await cts.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.Session.LoadAsync(cts.Token));
                await context.Response.WriteAsync("checked");
            },
            services: s => s.AddSingleton<IDistributedCache>(new UnreliableCache { DelayGetAsync = true }));
        var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", await ExistingSessionCookieAsync(host));

        Assert.Equal("checked", await client.GetStringAsync(string.Empty));

        Assert.DoesNotContain(Logs(host, SessionCategory), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task SessionLogsCacheCommitException()
    {
        // With FailRequestOnCommitFailure off, the stock timing: the response has succeeded, the failure is logged by
        // the engine (with the session hash) and by the middleware. (With it on, see StoreFailureTests.)
        await using var host = await StartAsync(
            context =>
            {
                context.Session.SetInt32("key", 0);
                return Task.CompletedTask;
            },
            services: s => s.AddSingleton<IDistributedCache>(new UnreliableCache { DisableSetAsync = true }),
            options: o => o.FailRequestOnCommitFailure = false);

        (await host.Server.CreateClient().GetAsync(string.Empty)).EnsureSuccessStatusCode();

        var sessionLog = Assert.Single(Logs(host, SessionCategory), r => r.Level >= LogLevel.Information);
        Assert.Contains("could not be written", sessionLog.Message);
        Assert.Equal(LogLevel.Error, sessionLog.Level);
        var middlewareLog = Assert.Single(Logs(host, MiddlewareCategory));
        Assert.Contains("Error closing the session.", middlewareLog.Message);
        Assert.Equal(LogLevel.Error, middlewareLog.Level);
    }

    [Fact]
    public async Task SessionLogsCacheCommitTimeoutException()
    {
        await using var host = await StartAsync(
            context =>
            {
                context.Session.SetInt32("key", 0);
                return Task.CompletedTask;
            },
            services: s => s.AddSingleton<IDistributedCache>(new UnreliableCache { DelaySetAsync = true }),
            sessionOptions: new SessionOptions { IOTimeout = TimeSpan.FromSeconds(0.5) },
            options: o => o.FailRequestOnCommitFailure = false);

        (await host.Server.CreateClient().GetAsync(string.Empty)).EnsureSuccessStatusCode();

        var sessionLog = Assert.Single(Logs(host, SessionCategory), r => r.Level >= LogLevel.Warning);
        Assert.Contains("could not be written", sessionLog.Message);
        Assert.IsType<OperationCanceledException>(sessionLog.Exception, exactMatch: false);
        Assert.Contains("Error closing the session.", Assert.Single(Logs(host, MiddlewareCategory)).Message);
    }

    [Fact]
    public async Task SessionLogsCacheCommitCanceledException()
    {
        await using var host = await StartAsync(async context =>
        {
            if (context.Request.Path == new PathString("/read"))
            {
                await context.Response.WriteAsync(context.Session.GetInt32("key")?.ToString(CultureInfo.InvariantCulture) ?? "(none)");
                return;
            }
            context.Session.SetInt32("key", 7);
            using var cts = new CancellationTokenSource();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.Session.CommitAsync(cts.Token));
            await context.Response.WriteAsync("checked");
        });
        var client = new SessionClient(host.Server.CreateClient());

        Assert.Equal("checked", await client.GetStringAsync("/"));

        // The session is committed on unwind even after the manual commit was canceled.
        var sessionLogs = Logs(host, SessionCategory);
        Assert.Contains("started", sessionLogs[0].Message);
        Assert.Contains("written", sessionLogs[1].Message);
        Assert.Empty(Logs(host, MiddlewareCategory));
        Assert.Equal("7", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task RequestAbortedIgnored()
    {
        await using var host = await StartAsync(context =>
        {
            context.Session.SetInt32("key", 0);
            var cts = new CancellationTokenSource();
            cts.Cancel();
            context.RequestAborted = cts.Token;
            return Task.CompletedTask;
        });

        (await host.Server.CreateClient().GetAsync(string.Empty)).EnsureSuccessStatusCode();

        var sessionLogs = Logs(host, SessionCategory);
        Assert.Contains("started", sessionLogs[0].Message);
        Assert.Contains("written", sessionLogs[1].Message);
        Assert.Empty(Logs(host, MiddlewareCategory));
    }

    [Fact]
    public async Task SessionLogsCacheRefreshException()
    {
        // Deliberate difference: the stock session refreshes on every request, even an untouched one; the engine
        // refreshes only a read-only request past the refresh threshold. A failed refresh loses nothing, so it is a
        // warning and the request succeeds.
        var time = new FakeTimeProvider(EngineHost.Start);
        var cache = new UnreliableCache();
        await using var host = await StartAsync(
            context => context.Response.WriteAsync(context.Session.GetInt32("key")?.ToString(CultureInfo.InvariantCulture) ?? "(none)"),
            services: s =>
            {
                s.AddSingleton<TimeProvider>(time);
                s.AddSingleton<IDistributedCache>(cache);
            });
        var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", await ExistingSessionCookieAsync(host));
        time.Advance(TimeSpan.FromMinutes(10));
        cache.DisableSetAsync = true;

        Assert.Equal("1", await client.GetStringAsync(string.Empty));

        var message = Assert.Single(Logs(host, SessionCategory), r => r.Level >= LogLevel.Warning && r.Id.Id != 105);
        Assert.Contains("could not be refreshed", message.Message);
        Assert.Equal(LogLevel.Warning, message.Level);
    }

    // The Cookie header of an existing session holding "key" = 1, stored (under the hash of its key, as the engine
    // stores it) while the cache's faults are suspended.
    private static async Task<string> ExistingSessionCookieAsync(EngineHost host)
    {
        var cache = host.Services.GetRequiredService<IDistributedCache>();
        var key = Guid.NewGuid().ToString();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        using (cache is UnreliableCache unreliable ? unreliable.Suspend() : null)
        {
            await cache.SetAsync(SessionIds.StorageKeyOf(key), SessionBlob.Write(new Dictionary<string, byte[]> { ["key"] = [0, 0, 0, 1] }, now, now, isPersistent: false), new DistributedCacheEntryOptions());
        }
        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SessionMiddleware");
        var name = host.Services.GetRequiredService<IOptions<SessionOptions>>().Value.Cookie.Name;
        return $"{name}={Convert.ToBase64String(protector.Protect(Encoding.UTF8.GetBytes(key))).TrimEnd('=')}";
    }

    // The original's fault-injecting cache, over a real memory cache.
    private sealed class UnreliableCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));
        private int _suspended;

        public bool DisableGet { get; set; }

        public bool DisableSetAsync { get; set; }

        public bool DelayGetAsync { get; set; }

        public bool DelaySetAsync { get; set; }

        private bool Active => Volatile.Read(ref _suspended) == 0;

        public IDisposable Suspend()
        {
            Interlocked.Increment(ref _suspended);
            return new Resume(this);
        }

        public byte[]? Get(string key) => DisableGet && Active ? throw new InvalidOperationException() : _cache.Get(key);

        public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            if (Active && DisableGet)
            {
                throw new InvalidOperationException();
            }
            if (Active && DelayGetAsync)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), token);
            }
            return await _cache.GetAsync(key, token);
        }

        public void Refresh(string key) => _cache.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _cache.RefreshAsync(key, token);

        public void Remove(string key) => _cache.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _cache.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => _cache.Set(key, value, options);

        public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            if (Active && DisableSetAsync)
            {
                throw new InvalidOperationException();
            }
            if (Active && DelaySetAsync)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), token);
            }
            await _cache.SetAsync(key, value, options, token);
        }

        private sealed class Resume(UnreliableCache cache) : IDisposable
        {
            public void Dispose() => Interlocked.Decrement(ref cache._suspended);
        }
    }
}
