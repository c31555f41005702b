using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSession.Tests.Engine;

// Remember-me per session: a remembered session has a persistent, rolling cookie and the longer idle window
// (TypedSessionOptions.PersistentIdleTimeout, 30 days by default); every other session keeps a browser-session cookie
// and SessionOptions.IdleTimeout (20 minutes). The choice is stored with the session and survives regenerate.
public sealed class RememberMeTests
{
    private static readonly TimeSpan Remembered = TypedSessionOptions.DefaultPersistentIdleTimeout;

    private static ISessionLifecycle Lifecycle(HttpContext c) => (ISessionLifecycle)c.Session;

    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/untouched", () => "ok");
        e.MapGet("/login/{user}", async (HttpContext c, string user, bool remember) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", user);
            Lifecycle(c).RememberMe(remember);
            await Lifecycle(c).RegenerateIdAsync();
            return "ok";
        });
        e.MapGet("/remember-first", async (HttpContext c, string user) =>
        {
            // A new visitor remembered in its first request, without a regenerate: the middleware's own key.
            await c.Session.LoadAsync();
            Lifecycle(c).RememberMe();
            c.Session.SetString("user", user);
            return "ok";
        });
        e.MapGet("/remember", async (HttpContext c, bool remember) =>
        {
            await c.Session.LoadAsync();
            Lifecycle(c).RememberMe(remember);
            return "ok";
        });
        e.MapGet("/regenerate", async (HttpContext c) =>
        {
            await Lifecycle(c).RegenerateIdAsync();
            return "ok";
        });
        e.MapGet("/read", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            var lifecycle = Lifecycle(c);
            return $"{c.Session.GetString("user") ?? "(none)"} persistent={lifecycle.IsPersistent} expires={lifecycle.ExpiresAt:O}";
        });
    }

    private static Task<EngineHost> StartAsync(Action<TypedSessionOptions>? options = null) => EngineHost.StartAsync(Routes, options);

    [Fact]
    public async Task A_remembered_login_gets_a_persistent_cookie_and_a_plain_one_a_browser_session_cookie()
    {
        await using var host = await StartAsync();
        using var remembered = host.CreateClient();
        using var plain = host.CreateClient();

        await remembered.GetStringAsync("/login/ada?remember=true");
        await plain.GetStringAsync("/login/bob?remember=false");

        var persistent = Assert.Single(remembered.LastSessionCookies);
        Assert.Equal(Remembered, persistent.MaxAge);
        Assert.Equal(EngineHost.Start + Remembered, persistent.Expires);
        Assert.True(persistent.HttpOnly);
        var session = Assert.Single(plain.LastSessionCookies);
        Assert.Null(session.MaxAge);
        Assert.Null(session.Expires);

        Assert.Equal($"ada persistent=True expires={EngineHost.Start + Remembered:O}", await remembered.GetStringAsync("/read"));
        Assert.Equal($"bob persistent=False expires={EngineHost.Start.AddMinutes(20):O}", await plain.GetStringAsync("/read"));
    }

    [Fact]
    public async Task A_remembered_session_outlives_the_ordinary_idle_timeout_and_ends_after_its_own_window()
    {
        await using var host = await StartAsync();
        using var remembered = host.CreateClient();
        using var plain = host.CreateClient();
        await remembered.GetStringAsync("/login/ada?remember=true");
        await plain.GetStringAsync("/login/bob?remember=false");

        host.Time.Advance(TimeSpan.FromHours(2));

        Assert.StartsWith("ada persistent=True", await remembered.GetStringAsync("/read"));
        Assert.StartsWith("(none) persistent=False", await plain.GetStringAsync("/read"));

        host.Time.Advance(Remembered);
        Assert.StartsWith("(none) persistent=False", await remembered.GetStringAsync("/read"));
    }

    [Fact]
    public async Task Remember_me_is_stored_with_the_session_and_survives_a_later_regenerate()
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient();
        await client.GetStringAsync("/login/ada?remember=true");

        await client.GetStringAsync("/regenerate");

        Assert.Equal(Remembered, Assert.Single(client.LastSessionCookies).MaxAge);
        host.Time.Advance(TimeSpan.FromDays(2));
        Assert.StartsWith("ada persistent=True", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task A_new_visitor_remembered_without_a_regenerate_gets_one_persistent_cookie()
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient();

        await client.GetStringAsync("/remember-first?user=ada");

        // The engine's cookie, not the stock middleware's browser-session cookie after it.
        Assert.Equal(Remembered, Assert.Single(client.LastSessionCookies).MaxAge);
        host.Time.Advance(TimeSpan.FromDays(1));
        Assert.StartsWith("ada persistent=True", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task Choosing_again_re_sends_the_cookie_and_forgetting_brings_back_the_ordinary_window()
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient();
        await client.GetStringAsync("/login/ada?remember=false");
        var cookie = client.Cookie;

        await client.GetStringAsync("/remember?remember=true");
        var persistent = Assert.Single(client.LastSessionCookies);
        Assert.Equal(cookie, persistent.Value.ToString());
        Assert.Equal(Remembered, persistent.MaxAge);

        // The same choice again changes nothing and sends nothing.
        await client.GetStringAsync("/remember?remember=true");
        Assert.Empty(client.LastSessionCookies);

        await client.GetStringAsync("/remember?remember=false");
        var forgotten = Assert.Single(client.LastSessionCookies);
        Assert.Equal(cookie, forgotten.Value.ToString());
        Assert.Null(forgotten.MaxAge);
        Assert.Null(forgotten.Expires);

        host.Time.Advance(TimeSpan.FromHours(1));
        Assert.StartsWith("(none)", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task A_remembered_cookie_rolls_once_per_quarter_of_its_window_and_never_outlives_the_absolute_lifetime()
    {
        await using var host = await StartAsync(o => o.AbsoluteLifetime = TimeSpan.FromDays(40));
        using var client = host.CreateClient();
        await client.GetStringAsync("/login/ada?remember=true");

        host.Time.Advance(TimeSpan.FromDays(7));
        await client.GetStringAsync("/untouched");
        Assert.Empty(client.LastSessionCookies);

        // A quarter of 30 days has passed: re-sent on a request that does not use the session, with a full window...
        host.Time.Advance(TimeSpan.FromDays(1));
        await client.GetStringAsync("/untouched");
        Assert.Equal(Remembered, Assert.Single(client.LastSessionCookies).MaxAge);
        await client.GetStringAsync("/read");
        Assert.Empty(client.LastSessionCookies);

        // ...and 33 days in, only what is left of the 40-day absolute lifetime.
        host.Time.Advance(TimeSpan.FromDays(25));
        await client.GetStringAsync("/read");
        var last = Assert.Single(client.LastSessionCookies);
        Assert.Equal(TimeSpan.FromDays(7), last.MaxAge);
        Assert.Equal(EngineHost.Start.AddDays(40), last.Expires);
    }

    [Fact]
    public async Task Requests_that_never_use_a_remembered_session_keep_it_alive_with_its_own_window()
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient();
        await client.GetStringAsync("/login/ada?remember=true");

        // Only untouched requests for 50 days, one every 5 days: each due refresh extends by 30 days, not 20 minutes.
        for (var day = 5; day <= 50; day += 5)
        {
            host.Time.Advance(TimeSpan.FromDays(5));
            await client.GetStringAsync("/untouched");
        }

        Assert.StartsWith("ada persistent=True", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task A_persistent_cookie_keeps_the_configured_cookie_attributes()
    {
        await using var host = await EngineHost.CreateBuilder()
            .MapEndpoints(Routes)
            .ConfigureServices(s => s.Configure<SessionOptions>(o =>
            {
                o.Cookie.Name = "app.session";
                o.Cookie.Path = "/app";
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            }))
            .StartAsync();
        using var client = new SessionClient(host.Server.CreateClient(), "app.session");

        await client.GetStringAsync("/login/ada?remember=true");

        var cookie = Assert.Single(client.LastSessionCookies);
        Assert.Equal(Remembered, cookie.MaxAge);
        Assert.Equal("/app", cookie.Path.ToString());
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
    }
}
