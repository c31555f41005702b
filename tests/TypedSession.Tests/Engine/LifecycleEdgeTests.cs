using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace TypedSession.Tests.Engine;

// Lifecycle calls at the wrong time or against a failing store: clear errors, nothing lost.
public sealed class LifecycleEdgeTests
{
    private static ISessionLifecycle Lifecycle(HttpContext context) => (ISessionLifecycle)context.Session;

    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/set", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", "john");
            return "ok";
        });
        e.MapGet("/get", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return c.Session.GetString("user") ?? "(none)";
        });
        e.MapGet("/regenerate", async (HttpContext c) =>
        {
            var error = await Record.ExceptionAsync(() => Lifecycle(c).RegenerateIdAsync());
            return error?.GetType().Name ?? "ok";
        });
        e.MapGet("/destroy", async (HttpContext c) =>
        {
            var error = await Record.ExceptionAsync(() => Lifecycle(c).DestroyAsync());
            return error?.GetType().Name ?? "ok";
        });
        e.MapGet("/late-regenerate", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            await c.Response.WriteAsync("started|");
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Lifecycle(c).RegenerateIdAsync());
            await c.Response.WriteAsync(error.Message);
        });
        e.MapGet("/late-set", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            await c.Response.WriteAsync("started|");
            var error = Assert.Throws<InvalidOperationException>(() => c.Session.SetString("user", "late"));
            await c.Response.WriteAsync(error.Message);
        });
        e.MapGet("/late-destroy", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            await c.Response.WriteAsync("started");
            await Lifecycle(c).DestroyAsync();
        });
    }

    [Fact]
    public async Task Regenerate_after_the_response_started_throws_and_keeps_the_session()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set");
        var cookie = client.Cookie;

        Assert.Contains("response has already started", await client.GetStringAsync("/late-regenerate"));

        Assert.Equal(cookie, client.Cookie);
        Assert.Equal("john", await client.GetStringAsync("/get"));
    }

    [Fact]
    public async Task Starting_a_session_after_the_response_started_throws_as_with_the_stock_session()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();

        Assert.Contains("cannot be established after the response has started", await client.GetStringAsync("/late-set"));
        Assert.Null(client.Cookie);
    }

    [Fact]
    public async Task Destroy_after_the_response_started_deletes_the_entry_and_warns_that_the_cookie_stays()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set");

        await client.GetStringAsync("/late-destroy");

        Assert.NotNull(client.Cookie);
        Assert.Equal("(none)", await client.GetStringAsync("/get"));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 123 && r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Regenerate_that_cannot_delete_the_old_entry_throws_and_leaves_the_session_under_its_old_cookie()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set");
        var cookie = client.Cookie;
        host.Faults.FailDeletes = true;

        Assert.Equal(nameof(SessionUnavailableException), await client.GetStringAsync("/regenerate"));

        Assert.Empty(client.LastSessionCookies);
        Assert.Equal(cookie, client.Cookie);
        host.Faults.Heal();
        Assert.Equal("john", await client.GetStringAsync("/get"));
        // The copy written under the new key was removed again: one write (the copy), two deletes attempted
        // (the old key, failing, then the copy).
        Assert.Equal(2, host.Calls.Deletes);
    }

    [Fact]
    public async Task Destroy_against_a_failing_store_throws_and_keeps_the_session_and_cookie()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/set");
        var cookie = client.Cookie;
        host.Faults.FailDeletes = true;

        Assert.Equal(nameof(SessionUnavailableException), await client.GetStringAsync("/destroy"));

        Assert.Empty(client.LastSessionCookies);
        host.Faults.Heal();
        Assert.Equal(cookie, client.Cookie);
        Assert.Equal("john", await client.GetStringAsync("/get"));
    }

    [Fact]
    public async Task Regenerate_refuses_when_UseSession_was_given_a_cookie_name_the_engine_cannot_know()
    {
        await using var host = await EngineHost.StartAsync(
            e =>
            {
                Routes(e);
                e.MapGet("/regenerate-message", async (HttpContext c) =>
                    (await Assert.ThrowsAsync<InvalidOperationException>(() => Lifecycle(c).RegenerateIdAsync())).Message);
            },
            middlewareOptions: new SessionOptions { Cookie = { Name = "custom" } });
        var client = new SessionClient(host.Server.CreateClient(), "custom");
        await client.GetStringAsync("/set");

        var message = await client.GetStringAsync("/regenerate-message");

        Assert.Contains("AddSession(options =>", message);
        Assert.Equal("john", await client.GetStringAsync("/get"));
    }
}
