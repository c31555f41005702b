using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using TypedSession.Tests.Engine.Support;

namespace TypedSession.Tests.Engine;

// What happens when the store fails: nothing is lost silently.
public sealed class StoreFailureTests
{
    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/write/{value}", async (HttpContext c, string value) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", value);
            return "ok";
        });
        e.MapGet("/read", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return $"{c.Session.IsAvailable}|{c.Session.GetString("user") ?? "(none)"}";
        });
        e.MapGet("/write-when-unavailable", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            var error = Assert.Throws<SessionUnavailableException>(() => c.Session.SetString("user", "lost"));
            Assert.Throws<SessionUnavailableException>(() => c.Session.Remove("user"));
            Assert.Throws<SessionUnavailableException>(() => c.Session.Clear());
            return error.Message;
        });
        e.MapGet("/commit-now", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", "early");
            var error = await Assert.ThrowsAsync<SessionUnavailableException>(() => c.Session.CommitAsync());
            return error.InnerException!.GetType().Name;
        });
    }

    [Fact]
    public async Task Commit_failure_fails_the_request_and_is_logged_with_the_session_hash_and_counted()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        using var failures = new MetricCollector<long>(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "TypedSession", "typedsession.failures");
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");
        host.Faults.FailCommits = true;

        // TestServer hands the request's unhandled exception to the client (Kestrel answers 500: see the Kestrel test).
        await Assert.ThrowsAsync<SessionUnavailableException>(() => client.SendAsync("/write/jane"));

        var error = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 111);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Matches("^Session [0-9a-f]{12} could not be written", error.Message);
        var failure = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal("commit", failure.Tags["operation"]);
        host.Faults.Heal();
        Assert.Equal("True|john", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task Commit_failure_with_the_option_off_is_logged_and_counted_but_the_response_is_already_a_success()
    {
        await using var host = await EngineHost.StartAsync(Routes, o => o.FailRequestOnCommitFailure = false);
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");
        host.Faults.FailCommits = true;

        using var response = await client.SendAsync("/write/jane");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 111 && r.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Explicit_commit_throws_SessionUnavailableException_when_the_store_fails()
    {
        await using var host = await EngineHost.StartAsync(Routes, o => o.FailRequestOnCommitFailure = false);
        var client = host.CreateClient();
        host.Faults.FailCommits = true;

        Assert.Equal(nameof(StoreUnreachableException), await client.GetStringAsync("/commit-now"));
    }

    [Fact]
    public async Task Load_failure_makes_reads_give_defaults_and_writes_throw()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");
        host.Faults.FailLoads = true;

        Assert.Equal("False|(none)", await client.GetStringAsync("/read"));
        Assert.Contains("store could not be reached", await client.GetStringAsync("/write-when-unavailable"));
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 101 && r.Level == LogLevel.Error);

        host.Faults.Heal();
        Assert.Equal("True|john", await client.GetStringAsync("/read"));
    }

    [Fact]
    public async Task Corrupt_entry_gives_a_fresh_session_and_a_warning()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/write/john");
        host.Faults.CorruptLoads = true;

        Assert.Equal("True|(none)", await client.GetStringAsync("/read"));

        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 102 && r.Level == LogLevel.Warning);
    }
}
