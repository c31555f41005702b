using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSession.Tests.Engine;

// A session cookie with an expiry (SessionOptions.Cookie.MaxAge) is re-sent with a moved expiry once a part of its life
// has passed, so that an active user is not logged out at "cookie issued + MaxAge" while the session lives on.
public sealed class RollingCookieTests
{
    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/untouched", () => "ok");
        e.MapGet("/read", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return c.Session.GetString("user") ?? "(none)";
        });
        e.MapGet("/write/{value}", async (HttpContext c, string value) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", value);
            return "ok";
        });
        e.MapGet("/touch", async (HttpContext c) =>
        {
            await ((ISessionLifecycle)c.Session).TouchAsync();
            return "ok";
        });
        e.MapGet("/logout", async (HttpContext c) =>
        {
            await ((ISessionLifecycle)c.Session).DestroyAsync();
            return "ok";
        });
    }

    private static Task<EngineHost> StartAsync(TimeSpan? maxAge) =>
        EngineHost.StartAsync(Routes, services: s => s.Configure<SessionOptions>(o => o.Cookie.MaxAge = maxAge));

    [Fact]
    public async Task A_cookie_with_a_max_age_is_re_sent_with_the_same_value_once_a_refresh_is_due_and_not_on_every_response()
    {
        await using var host = await StartAsync(TimeSpan.FromDays(1));
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");
        var issued = Assert.Single(client.LastSessionCookies);
        Assert.Equal(TimeSpan.FromDays(1), issued.MaxAge);
        var cookie = client.Cookie;

        // Within the window (a quarter of the 20-minute idle timeout, shorter than the max age): nothing re-sent.
        host.Time.Advance(TimeSpan.FromMinutes(4));
        await client.GetStringAsync("/untouched");
        Assert.Empty(client.LastSessionCookies);
        await client.GetStringAsync("/read");
        Assert.Empty(client.LastSessionCookies);

        // Due: the same cookie, with its full max age again, on a request that does not even use the session...
        host.Time.Advance(TimeSpan.FromMinutes(2));
        await client.GetStringAsync("/untouched");
        var rolled = Assert.Single(client.LastSessionCookies);
        Assert.Equal(cookie, rolled.Value.ToString());
        Assert.Equal(TimeSpan.FromDays(1), rolled.MaxAge);
        Assert.True(rolled.HttpOnly);

        // ...and once only.
        await client.GetStringAsync("/untouched");
        Assert.Empty(client.LastSessionCookies);
        await client.GetStringAsync("/write/jane");
        Assert.Empty(client.LastSessionCookies);
    }

    [Fact]
    public async Task A_writing_user_gets_the_cookie_rolled_too_although_every_write_extends_the_store()
    {
        await using var host = await StartAsync(TimeSpan.FromDays(1));
        var client = host.CreateClient();
        await client.GetStringAsync("/write/v0");

        var rolls = 0;
        for (var minute = 1; minute <= 60; minute++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            await client.GetStringAsync($"/write/v{minute}");
            rolls += client.LastSessionCookies.Count;
        }

        // One re-send per 5 minutes of activity, although no refresh is ever due (each write extends the entry).
        Assert.InRange(rolls, 11, 12);
    }

    [Fact]
    public async Task A_cookie_whose_max_age_is_shorter_than_the_idle_timeout_rolls_within_its_own_life()
    {
        await using var host = await StartAsync(TimeSpan.FromMinutes(4));
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");

        host.Time.Advance(TimeSpan.FromMinutes(1));
        await client.GetStringAsync("/untouched");

        // A quarter of the 4-minute max age has passed: re-sent, so that it never dies under an active user.
        Assert.Equal(TimeSpan.FromMinutes(4), Assert.Single(client.LastSessionCookies).MaxAge);
    }

    [Fact]
    public async Task A_browser_session_cookie_is_never_re_sent()
    {
        await using var host = await StartAsync(maxAge: null);
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");

        // Well past the refresh threshold but inside the idle timeout, so that the session lives on under its key.
        host.Time.Advance(TimeSpan.FromMinutes(15));
        await client.GetStringAsync("/write/jane");
        Assert.Empty(client.LastSessionCookies);
        await client.GetStringAsync("/touch");
        Assert.Empty(client.LastSessionCookies);
    }

    [Fact]
    public async Task Touch_re_sends_a_cookie_with_a_max_age_at_once()
    {
        await using var host = await StartAsync(TimeSpan.FromDays(1));
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");
        var cookie = client.Cookie;

        await client.GetStringAsync("/touch");

        Assert.Equal(cookie, Assert.Single(client.LastSessionCookies).Value.ToString());
    }

    [Fact]
    public async Task Logout_expires_the_cookie_even_when_a_roll_was_due()
    {
        await using var host = await StartAsync(TimeSpan.FromDays(1));
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");
        host.Time.Advance(TimeSpan.FromMinutes(10));

        await client.GetStringAsync("/logout");

        var expired = Assert.Single(client.LastSessionCookies);
        Assert.True(expired.Expires < DateTimeOffset.UtcNow);
        Assert.Null(client.Cookie);
    }
}
