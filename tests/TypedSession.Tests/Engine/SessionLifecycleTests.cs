using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TypedSession.Tests.Engine;

public sealed class SessionLifecycleTests
{
    private static ISessionLifecycle Lifecycle(HttpContext context) => (ISessionLifecycle)context.Session;

    // The routes every lifecycle test shares: set/read a value, regenerate, destroy, reload, and describe the session.
    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/set/{value}", async (HttpContext c, string value) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", value);
            return "ok";
        });
        e.MapGet("/get", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return c.Session.GetString("user") ?? "(none)";
        });
        e.MapGet("/id", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return c.Session.Id;
        });
        e.MapGet("/login", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            var before = c.Session.Id;
            await Lifecycle(c).RegenerateIdAsync();
            c.Session.SetString("role", "admin");
            return $"{before}|{c.Session.Id}";
        });
        e.MapGet("/set-then-regenerate", async (HttpContext c) =>
        {
            c.Session.SetString("user", "new");
            await Lifecycle(c).RegenerateIdAsync();
            return "ok";
        });
        e.MapGet("/logout", async (HttpContext c) =>
        {
            await Lifecycle(c).DestroyAsync();
            return c.Session.GetString("user") ?? "(none)";
        });
        e.MapGet("/logout-then-set", async (HttpContext c) =>
        {
            await Lifecycle(c).DestroyAsync();
            c.Session.SetString("user", "after");
            return "ok";
        });
        e.MapGet("/reload", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", "unsaved");
            await Lifecycle(c).ReloadAsync();
            return c.Session.GetString("user") ?? "(none)";
        });
        e.MapGet("/info", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            var lifecycle = Lifecycle(c);
            return $"{lifecycle.IsNew}|{lifecycle.CreatedAt:O}";
        });
    }

    [Fact]
    public async Task Regenerate_keeps_values_and_invalidates_old_cookie()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set/john");
        var oldCookie = client.Cookie;
        Assert.NotNull(oldCookie);

        var ids = (await client.GetStringAsync("/login")).Split('|');

        var newCookies = client.LastSessionCookies;
        Assert.Single(newCookies);
        Assert.NotEqual(oldCookie, client.Cookie);
        Assert.NotEqual(ids[0], ids[1]);
        Assert.Equal("john", await client.GetStringAsync("/get"));

        var attacker = host.CreateClient();
        attacker.Cookie = oldCookie;
        Assert.Equal("(none)", await attacker.GetStringAsync("/get"));
    }

    [Fact]
    public async Task Regenerate_in_a_session_started_by_the_same_request_sends_only_the_new_cookie()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();

        await client.GetStringAsync("/set-then-regenerate");

        Assert.Single(client.LastSetCookies);
        Assert.Equal("new", await client.GetStringAsync("/get"));
    }

    [Fact]
    public async Task Regenerated_cookie_has_the_stock_format_and_flags()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set/john");
        await client.GetStringAsync("/login");

        var cookie = Assert.Single(client.LastSessionCookies);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal("/", cookie.Path.ToString());
        Assert.DoesNotContain("=", cookie.Value.ToString());
        Assert.Equal("john", await client.GetStringAsync("/get"));
    }

    [Fact]
    public async Task Destroy_deletes_the_entry_and_expires_the_cookie()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set/john");
        var oldCookie = client.Cookie;

        Assert.Equal("(none)", await client.GetStringAsync("/logout"));

        var expired = Assert.Single(client.LastSessionCookies);
        Assert.True(expired.Expires < DateTimeOffset.UtcNow);
        Assert.Null(client.Cookie);
        var replay = host.CreateClient();
        replay.Cookie = oldCookie;
        Assert.Equal("(none)", await replay.GetStringAsync("/get"));
        Assert.Equal(1, host.Calls.Deletes);
    }

    [Fact]
    public async Task Destroy_then_set_starts_a_new_session_under_a_new_cookie()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set/john");
        var oldCookie = client.Cookie;

        await client.GetStringAsync("/logout-then-set");

        Assert.Single(client.LastSessionCookies);
        Assert.NotNull(client.Cookie);
        Assert.NotEqual(oldCookie, client.Cookie);
        Assert.Equal("after", await client.GetStringAsync("/get"));
        var replay = host.CreateClient();
        replay.Cookie = oldCookie;
        Assert.Equal("(none)", await replay.GetStringAsync("/get"));
    }

    [Fact]
    public async Task Reload_discards_unsaved_changes()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set/john");

        Assert.Equal("john", await client.GetStringAsync("/reload"));
        Assert.Equal("john", await client.GetStringAsync("/get"));
    }

    [Fact]
    public async Task Id_is_stable_across_requests_and_is_not_the_cookie()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set/john");

        var first = await client.GetStringAsync("/id");
        var second = await client.GetStringAsync("/id");

        Assert.Equal(first, second);
        Assert.True(Guid.TryParseExact(first, "D", out _));
        Assert.DoesNotContain(first, client.Cookie!);
    }

    [Fact]
    public async Task IsNew_and_CreatedAt_describe_the_session()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        Assert.Equal($"True|{EngineHost.Start:O}", await client.GetStringAsync("/info"));
        await client.GetStringAsync("/set/john");
        host.Time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal($"False|{EngineHost.Start:O}", await client.GetStringAsync("/info"));
    }
}
