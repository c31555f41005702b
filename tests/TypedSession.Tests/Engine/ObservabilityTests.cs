using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace TypedSession.Tests.Engine;

// The TypedSession meter and the engine's log lines.
public sealed class ObservabilityTests
{
    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/write", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", "ada");
            return "ok";
        });
        e.MapGet("/rename", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", "ada lovelace");
            return "ok";
        });
        e.MapGet("/read", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return c.Session.GetString("user") ?? "(none)";
        });
        e.MapGet("/read-synchronously", (HttpContext c) => c.Session.GetString("user") ?? "(none)");
        e.MapGet("/corrupt-int", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            c.Session.Set("count", [1, 2]);
            return global::TypedSession.Generated.SessionValues.Read<global::TypedSession.Generated.Int32Codec, int>(c.Session, "count").ToString();
        });
    }

    [Fact]
    public async Task Meter_counts_loads_commits_refreshes_failures_and_bytes_written()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var loads = new MetricCollector<long>(meters, "TypedSession", "typedsession.loads");
        using var duration = new MetricCollector<double>(meters, "TypedSession", "typedsession.load.duration");
        using var commits = new MetricCollector<long>(meters, "TypedSession", "typedsession.commits");
        using var bytes = new MetricCollector<long>(meters, "TypedSession", "typedsession.bytes_written");
        using var refreshes = new MetricCollector<long>(meters, "TypedSession", "typedsession.refreshes");
        using var failures = new MetricCollector<long>(meters, "TypedSession", "typedsession.failures");
        var client = host.CreateClient();

        await client.GetStringAsync("/write");
        host.Time.Advance(TimeSpan.FromMinutes(6));
        await client.GetStringAsync("/read");
        host.Faults.FailLoads = true;
        await client.GetStringAsync("/read");

        Assert.Equal(["found", "failed"], loads.GetMeasurementSnapshot().Select(m => (string)m.Tags["result"]!));
        Assert.Equal(2, duration.GetMeasurementSnapshot().Count);
        Assert.All(duration.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
        Assert.Equal(1, commits.GetMeasurementSnapshot().EvaluateAsCounter());
        // "user" (4 bytes) + "ada" (3 bytes).
        Assert.Equal(7, bytes.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, refreshes.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal("load", Assert.Single(failures.GetMeasurementSnapshot()).Tags["operation"]);
    }

    [Fact]
    public async Task Logs_carry_keys_and_a_session_hash_but_never_values_ids_or_cookies()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/write");
        await client.GetStringAsync("/corrupt-int");
        host.Faults.FailCommits = true;
        // A write that changes something (writing "ada" again would write nothing).
        await Assert.ThrowsAsync<SessionUnavailableException>(() => client.SendAsync("/rename"));

        var records = host.Logs.GetSnapshot().Where(r => r.Category == typeof(SessionEngine).FullName).ToList();
        Assert.Contains(records, r => r.Id.Id == 130 && r.Message.Contains("'count'") && r.Level == LogLevel.Warning);
        Assert.All(records, r =>
        {
            Assert.DoesNotContain("ada", r.Message);
            Assert.DoesNotContain(client.Cookie!, r.Message);
        });
        var hashes = records.Select(r => r.StructuredState?.FirstOrDefault(p => p.Key == "SessionHash").Value).OfType<string>().Distinct().ToList();
        var hash = Assert.Single(hashes);
        Assert.Matches("^[0-9a-f]{12}$", hash);
    }

    [Fact]
    public async Task Synchronous_use_without_LoadAsync_works_and_is_reported_once()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        await client.GetStringAsync("/write");

        Assert.Equal("ada", await client.GetStringAsync("/read-synchronously"));
        Assert.Equal("ada", await client.GetStringAsync("/read-synchronously"));
        await client.GetStringAsync("/read");

        var hint = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 105);
        Assert.Equal(LogLevel.Warning, hint.Level);
        Assert.Contains("LoadAsync", hint.Message);
    }
}
