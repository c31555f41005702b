using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TypedSession.Tests.Engine;

// Idle timeout (SessionOptions.IdleTimeout, 20 minutes by default) and absolute lifetime, on the engine's clock.
public sealed class ExpiryTests
{
    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/write", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", "john");
            return "ok";
        });
        e.MapGet("/write/{value}", async (HttpContext c, string value) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", value);
            return "ok";
        });
        e.MapGet("/read", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return c.Session.GetString("user") ?? "(none)";
        });
        e.MapGet("/created", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return ((ISessionLifecycle)c.Session).CreatedAt.ToString("O");
        });
    }

    [Fact]
    public async Task Session_expires_after_the_idle_timeout()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/write");

        host.Time.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal("john", await client.GetStringAsync("/read"));
        // That read refreshed the session at minute 19: idle until minute 39.
        host.Time.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal("(none)", await client.GetStringAsync("/read"));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 103 && r.Message.Contains("idle timeout"));
    }

    [Fact]
    public async Task Active_session_outlives_the_idle_timeout_through_rare_refreshes()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/write");
        host.Calls.Reset();

        for (var minute = 0; minute < 120; minute += 2)
        {
            host.Time.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal("john", await client.GetStringAsync("/read"));
        }

        // 60 read-only requests over two hours: one refresh per 5 minutes (threshold 0.25 of 20 minutes), not one each.
        Assert.Equal(60, host.Calls.Loads);
        Assert.InRange(host.Calls.Refreshes, 20, 24);
        Assert.Equal(0, host.Calls.Commits);
    }

    [Fact]
    public async Task Session_expires_after_the_absolute_lifetime_however_active()
    {
        await using var host = await EngineHost.StartAsync(Routes, o => o.AbsoluteLifetime = TimeSpan.FromHours(1));
        var client = host.CreateClient();
        await client.GetStringAsync("/write");

        for (var minute = 0; minute < 55; minute += 5)
        {
            host.Time.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal("ok", await client.GetStringAsync("/write"));
        }
        host.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("(none)", await client.GetStringAsync("/read"));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 103 && r.Message.Contains("absolute lifetime"));
    }

    [Fact]
    public async Task Absolute_lifetime_caps_the_time_to_live_the_store_is_given()
    {
        await using var host = await EngineHost.StartAsync(Routes, o => o.AbsoluteLifetime = TimeSpan.FromMinutes(20));
        var client = host.CreateClient();
        await client.GetStringAsync("/write");
        host.Time.Advance(TimeSpan.FromMinutes(15));

        await client.GetStringAsync("/write/jane");

        var last = host.Calls.CommitLog[^1].Commit;
        Assert.Equal(EngineHost.Start.AddMinutes(20), last.Expiry.AbsoluteExpiration);
        Assert.Equal(TimeSpan.FromMinutes(5), last.Expiry.TimeToLive);
    }

    [Fact]
    public async Task A_write_after_expiry_starts_a_new_session_that_replaces_the_old_entry()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/write");
        host.Time.Advance(TimeSpan.FromMinutes(30));
        host.Calls.Reset();

        await client.GetStringAsync("/write");

        var commit = Assert.Single(host.Calls.CommitLog).Commit;
        Assert.True(commit.ReplaceAll);
        Assert.Equal(host.Time.GetUtcNow(), commit.CreatedAt);
        Assert.Equal(host.Time.GetUtcNow().ToString("O"), await client.GetStringAsync("/created"));
    }

    [Fact]
    public async Task Reading_an_expired_session_deletes_its_stale_entry()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/write");
        host.Time.Advance(TimeSpan.FromMinutes(30));
        host.Calls.Reset();

        Assert.Equal("(none)", await client.GetStringAsync("/read"));
        Assert.Equal((1, 1), (host.Calls.Loads, host.Calls.Deletes));

        Assert.Equal("(none)", await client.GetStringAsync("/read"));
        Assert.Equal((2, 1), (host.Calls.Loads, host.Calls.Deletes));
    }
}
