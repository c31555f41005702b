using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace TypedSession.Sample;

/// <summary>
/// The endpoints that tests/TypedSession.Benchmarks/e2e.sh drives with wrk: one request that reads three session
/// values and writes one, written once with TypedSession and once by hand on ASP.NET Core's stock session.
/// </summary>
/// <remarks>
/// Each variant is a branch of its own in front of the application's pipeline, of the same shape: the session
/// middleware, then the handler. Only the session differs: <c>/bench/typed</c> runs TypedSession's engine (the
/// application's <c>ISessionStore</c>, over the store picked with <c>--store</c>) and the generated properties;
/// <c>/bench/stock</c> runs the stock <see cref="DistributedSessionStore"/> over the stock cache of the same backend
/// (<c>AddStackExchangeRedisCache</c>'s RedisCache with <c>--store redis</c>, the in-memory cache otherwise) and
/// hand-written <c>GetString</c>/<c>GetInt32</c>/<c>SetInt32</c>, and the cookie protection of an application without
/// TypedSession (no cache of unprotected cookies); <c>/bench/handwritten</c> runs the same hand-written
/// code over TypedSession's engine, which separates the engine's share from the generated code's. <c>GET
/// /bench/{variant}/start</c> starts a session (user name, role, visit count) and returns its cookie.
/// <c>/bench/{variant}</c> is the writing request; <c>/bench/{variant}/read</c> reads the same three values and writes
/// nothing, and <c>/bench/{variant}/untouched</c> passes through the session middleware without using the session, as a
/// page that never reads it does (tests/TypedSession.Benchmarks/e2e-latency.sh drives all three).
/// </remarks>
public static partial class BenchmarkEndpoints
{
    private const string StockCookieName = ".AspNetCore.Session.Stock";

    /// <summary>Maps the benchmark branches; call it right after <c>builder.Build()</c>, before the rest of the pipeline.</summary>
    public static WebApplication MapBenchmarkEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.Map("/bench/typed", branch =>
        {
            branch.UseSession();
            branch.Run(TypedAsync);
        });

        app.Map("/bench/handwritten", branch =>
        {
            branch.UseSession();
            branch.Run(HandWrittenAsync);
        });

        var appSessionOptions = app.Services.GetRequiredService<IOptions<SessionOptions>>().Value;
        var stockOptions = new SessionOptions
        {
            IdleTimeout = appSessionOptions.IdleTimeout,
            IOTimeout = appSessionOptions.IOTimeout,
        };
        stockOptions.Cookie.Name = StockCookieName;
        stockOptions.Cookie.IsEssential = appSessionOptions.Cookie.IsEssential;
        stockOptions.Cookie.SecurePolicy = appSessionOptions.Cookie.SecurePolicy;
        var stockStore = new DistributedSessionStore(StockCache(app), app.Services.GetRequiredService<ILoggerFactory>());
        // The data protection of an application without TypedSession: AddTypedSession() puts a cache of unprotected
        // session cookies in front of the "SessionMiddleware" protector, and every other purpose reaches the key ring
        // uncached. A protector of a purpose of its own is also a provider, so the stock middleware's
        // CreateProtector("SessionMiddleware") on it is a sub-purpose, and each request pays the unprotect as it would there.
        var stockDataProtection = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("TypedSession.Sample.StockSession");
        app.Map("/bench/stock", branch =>
        {
            branch.UseMiddleware<SessionMiddleware>(stockDataProtection, stockStore, Options.Create(stockOptions));
            branch.Run(HandWrittenAsync);
        });

        return app;
    }

    // What a stock application registers for the same backend: AddStackExchangeRedisCache with --store redis (its
    // own connection, as in such an application), otherwise the in-memory IDistributedCache.
    private static IDistributedCache StockCache(WebApplication app)
    {
        if (!string.Equals(app.Configuration["Store"]?.Trim(), "redis", StringComparison.OrdinalIgnoreCase))
        {
            return app.Services.GetRequiredService<IDistributedCache>();
        }
        return new RedisCache(Options.Create(new RedisCacheOptions
        {
            Configuration = app.Configuration["Redis"] is { Length: > 0 } redis ? redis : "localhost:6379",
            InstanceName = "stock-session:",
        }));
    }

    private static async Task TypedAsync(HttpContext context)
    {
        if (context.Request.Path == "/untouched")
        {
            await context.Response.WriteAsync("untouched");
            return;
        }
        var session = (await VisitSession.BindAsync(context))!;
        if (context.Request.Path == "/start")
        {
            session.Username = "john.doe@example.com";
            session.Role = "Customer";
            session.Visits = 0;
            await context.Response.WriteAsync("started");
            return;
        }
        if (context.Request.Path == "/read")
        {
            await context.Response.WriteAsync($"{session.Username} ({session.Role}): visit {session.Visits}");
            return;
        }
        var username = session.Username;
        var role = session.Role;
        var visits = session.Visits + 1;
        session.Visits = visits;
        await context.Response.WriteAsync($"{username} ({role}): visit {visits}");
    }

    private static async Task HandWrittenAsync(HttpContext context)
    {
        if (context.Request.Path == "/untouched")
        {
            await context.Response.WriteAsync("untouched");
            return;
        }
        var session = context.Session;
        await session.LoadAsync(context.RequestAborted);
        if (context.Request.Path == "/start")
        {
            session.SetString("Username", "john.doe@example.com");
            session.SetString("Role", "Customer");
            session.SetInt32("Visits", 0);
            await context.Response.WriteAsync("started");
            return;
        }
        if (context.Request.Path == "/read")
        {
            await context.Response.WriteAsync($"{session.GetString("Username")} ({session.GetString("Role")}): visit {session.GetInt32("Visits") ?? 0}");
            return;
        }
        var username = session.GetString("Username");
        var role = session.GetString("Role");
        var visits = (session.GetInt32("Visits") ?? 0) + 1;
        session.SetInt32("Visits", visits);
        await context.Response.WriteAsync($"{username} ({role}): visit {visits}");
    }

    /// <summary>The benchmark's session: the same keys the hand-written code uses.</summary>
    [Session]
    internal sealed partial class VisitSession
    {
        /// <summary>Read on every request.</summary>
        public partial string? Username { get; set; }

        /// <summary>Read on every request.</summary>
        public partial string? Role { get; set; }

        /// <summary>Read and written on every request.</summary>
        public partial int Visits { get; set; }
    }
}
