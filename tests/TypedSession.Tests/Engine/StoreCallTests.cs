using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TypedSession.Tests.Engine;

// How many store calls each kind of request makes, counted at the store.
public sealed class StoreCallTests
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
        e.MapGet("/set-and-restore", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            var before = c.Session.GetString("user")!;
            c.Session.SetString("user", "someone else");
            c.Session.SetString("draft", "scratch");
            c.Session.SetString("user", before);
            c.Session.Remove("draft");
            return before;
        });
        e.MapGet("/touch", async (HttpContext c) =>
        {
            await ((ISessionLifecycle)c.Session).TouchAsync();
            return "ok";
        });
        e.MapGet("/commit-now", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", "early");
            await c.Session.CommitAsync();
            return "ok";
        });
    }

    private static async Task<(EngineHost Host, SessionClient Client)> StartWithSessionAsync()
    {
        var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");
        host.Calls.Reset();
        return (host, client);
    }

    [Fact]
    public async Task Untouched_request_with_a_session_cookie_makes_no_store_call()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;

        await client.GetStringAsync("/untouched");

        Assert.Equal(0, host.Calls.Total);
    }

    [Fact]
    public async Task Read_only_request_makes_one_load_and_no_refresh_while_the_session_is_fresh()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;
        host.Time.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal("john", await client.GetStringAsync("/read"));

        Assert.Equal(1, host.Calls.Loads);
        Assert.Equal(1, host.Calls.Total);
    }

    [Fact]
    public async Task Read_only_request_refreshes_once_after_the_threshold_and_not_again_soon_after()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;

        // Default idle timeout 20 minutes, threshold 0.25: a read 6 minutes after the write refreshes...
        host.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("john", await client.GetStringAsync("/read"));
        Assert.Equal((1, 1, 0), (host.Calls.Loads, host.Calls.Refreshes, host.Calls.Commits));

        // ...and one 2 minutes later does not.
        host.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("john", await client.GetStringAsync("/read"));
        Assert.Equal((2, 1, 0), (host.Calls.Loads, host.Calls.Refreshes, host.Calls.Commits));
    }

    [Fact]
    public async Task Refresh_threshold_of_zero_refreshes_on_every_read_only_request()
    {
        await using var host = await EngineHost.StartAsync(Routes, o => o.RefreshThreshold = 0);
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");
        host.Calls.Reset();

        await client.GetStringAsync("/read");
        await client.GetStringAsync("/read");

        Assert.Equal(2, host.Calls.Refreshes);
    }

    [Fact]
    public async Task Writing_request_makes_one_load_and_one_write()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;

        await client.GetStringAsync("/write/jane");

        Assert.Equal((1, 1, 0, 0), (host.Calls.Loads, host.Calls.Commits, host.Calls.Refreshes, host.Calls.Deletes));
        var (_, commit) = Assert.Single(host.Calls.CommitLog);
        Assert.False(commit.ReplaceAll);
        Assert.Equal(["user"], commit.Changed.Keys);
        Assert.Equal("jane", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task First_write_of_a_new_visitor_makes_no_load_and_one_whole_write()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();

        await client.GetStringAsync("/write/john");

        Assert.Equal((0, 1), (host.Calls.Loads, host.Calls.Commits));
        Assert.True(Assert.Single(host.Calls.CommitLog).Commit.ReplaceAll);
    }

    [Fact]
    public async Task Explicit_commit_writes_once_and_the_end_of_the_request_adds_nothing()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;

        await client.GetStringAsync("/commit-now");

        Assert.Equal((1, 1), (host.Calls.Loads, host.Calls.Commits));
        Assert.Equal("early", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task Untouched_requests_keep_an_active_session_alive_with_one_refresh_per_window()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;

        // Two hours of browsing pages that never use the session, one a minute: far past the 20-minute idle timeout.
        for (var minute = 0; minute < 120; minute++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            await client.GetStringAsync("/untouched");
        }

        // One cheap refresh per 5 minutes (threshold 0.25 of 20 minutes), not one per request, and never a load.
        Assert.InRange(host.Calls.Refreshes, 20, 24);
        Assert.Equal((0, 0, 0), (host.Calls.Loads, host.Calls.Commits, host.Calls.Deletes));
        Assert.Equal("john", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task Untouched_request_refreshes_only_once_when_it_is_due()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;
        host.Time.Advance(TimeSpan.FromMinutes(6));

        await client.GetStringAsync("/untouched");
        await client.GetStringAsync("/untouched");
        await client.GetStringAsync("/untouched");

        Assert.Equal(1, host.Calls.Refreshes);
        Assert.Equal(1, host.Calls.Total);
    }

    [Fact]
    public async Task Untouched_request_after_a_read_that_saw_a_fresh_entry_makes_no_store_call()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;
        host.Time.Advance(TimeSpan.FromMinutes(6));
        await client.GetStringAsync("/read");
        host.Calls.Reset();
        host.Time.Advance(TimeSpan.FromMinutes(2));

        await client.GetStringAsync("/untouched");

        Assert.Equal(0, host.Calls.Total);
    }

    [Fact]
    public async Task Untouched_request_without_a_cookie_makes_no_store_call_however_late()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        host.Time.Advance(TimeSpan.FromHours(1));

        await client.GetStringAsync("/untouched");

        Assert.Equal(0, host.Calls.Total);
    }

    [Fact]
    public async Task Setting_a_value_to_what_it_holds_writes_nothing()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;

        await client.GetStringAsync("/write/john");

        Assert.Equal((1, 0), (host.Calls.Loads, host.Calls.Commits));
    }

    [Fact]
    public async Task Setting_and_restoring_values_in_one_request_writes_nothing()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;

        Assert.Equal("john", await client.GetStringAsync("/set-and-restore"));

        Assert.Equal((1, 0), (host.Calls.Loads, host.Calls.Commits));
        Assert.Equal("john", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task Touch_refreshes_at_once_even_when_no_refresh_is_due()
    {
        var (host, client) = await StartWithSessionAsync();
        await using var _ = host;
        host.Time.Advance(TimeSpan.FromMinutes(1));

        await client.GetStringAsync("/touch");

        Assert.Equal((1, 1, 0), (host.Calls.Loads, host.Calls.Refreshes, host.Calls.Commits));
    }

    [Fact]
    public async Task Touch_of_a_session_with_nothing_stored_makes_no_store_call()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();

        await client.GetStringAsync("/touch");

        Assert.Equal(0, host.Calls.Total);
        Assert.Empty(client.LastSessionCookies);
    }
}
