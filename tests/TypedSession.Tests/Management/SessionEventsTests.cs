using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TypedSession.Tests.Management;

// ISessionEvents: every lifecycle event reaches the handlers outside the request, Expired included (found by the sweep
// of the store's index, not by keyspace notifications), and a throwing handler breaks nothing.
public sealed class SessionEventsTests
{
    private sealed class Recorder : ISessionEvents
    {
        public ConcurrentQueue<SessionEvent> Events { get; } = new();

        public Task OnSessionEventAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
        {
            Events.Enqueue(sessionEvent);
            return Task.CompletedTask;
        }

        // Delivery is asynchronous: wait (bounded) until the condition holds, then let the assertions speak.
        public async Task<IReadOnlyList<SessionEvent>> WaitForAsync(Func<IReadOnlyList<SessionEvent>, bool> condition)
        {
            for (var i = 0; i < 200 && !condition([.. Events]); i++)
            {
                await Task.Delay(25);
            }
            return [.. Events];
        }
    }

    private sealed class Failing : ISessionEvents
    {
        public Task OnSessionEventAsync(SessionEvent sessionEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("handler bug");
    }

    [Fact]
    public async Task Created_logged_in_regenerated_revoked_and_destroyed_reach_the_handler_in_order()
    {
        var recorder = new Recorder();
        await using var host = await ManagementApp.StartAsync(services: s => s.AddSingleton<ISessionEvents>(recorder));
        using var laptop = host.CreateClient();
        using var phone = host.CreateClient();

        await laptop.GetStringAsync("/write/1 item");
        var anonymousId = await laptop.GetStringAsync("/id");
        var laptopId = await laptop.GetStringAsync("/login/ada");
        var regeneratedId = await laptop.GetStringAsync("/regenerate");
        var phoneId = await phone.GetStringAsync("/login/ada");
        await phone.GetStringAsync($"/revoke/ada/{regeneratedId}");
        await phone.GetStringAsync("/logout");

        var events = await recorder.WaitForAsync(e => e.Count(x => x.Kind == SessionEventKind.Destroyed) == 1);
        var laptopEvents = events.Where(e => e.SessionId is var id && (id == anonymousId || id == laptopId || id == regeneratedId)).ToList();
        Assert.Equal(
            [SessionEventKind.Created, SessionEventKind.LoggedIn, SessionEventKind.Regenerated, SessionEventKind.Revoked],
            laptopEvents.Select(e => e.Kind));
        Assert.Equal(anonymousId, laptopEvents[1].PreviousSessionId);
        Assert.Equal(laptopId, laptopEvents[2].PreviousSessionId);
        Assert.All(laptopEvents.Skip(1), e => Assert.Equal("ada", e.UserId));
        Assert.Contains(events, e => e is { Kind: SessionEventKind.Destroyed, UserId: "ada" } && e.SessionId == phoneId);
    }

    [Fact]
    public async Task Expired_fires_once_for_a_logged_in_session_after_its_expiry_passes()
    {
        var recorder = new Recorder();
        await using var host = await ManagementApp.StartAsync(
            o => o.ExpirySweepInterval = TimeSpan.FromMinutes(1),
            s => s.AddSingleton<ISessionEvents>(recorder));
        using var client = host.CreateClient();
        var id = await client.GetStringAsync("/login/ada");

        // Past the 20-minute idle timeout; each advance lets the sweep's timer tick.
        for (var minute = 0; minute < 25; minute++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var events = await recorder.WaitForAsync(e => e.Any(x => x.Kind == SessionEventKind.Expired));
        var expired = Assert.Single(events, e => e.Kind == SessionEventKind.Expired);
        Assert.Equal((id, "ada"), (expired.SessionId, expired.UserId));
        Assert.Equal(EngineHost.Start.AddMinutes(20), expired.ExpiredAt);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(200);
        Assert.Single(recorder.Events, e => e.Kind == SessionEventKind.Expired);
        Assert.Equal("(anonymous) (no cart)", await client.GetStringAsync("/me"));
    }

    [Fact]
    public async Task A_throwing_handler_is_logged_and_neither_the_request_nor_the_other_handlers_notice()
    {
        var recorder = new Recorder();
        await using var host = await ManagementApp.StartAsync(services: s =>
        {
            s.AddSingleton<ISessionEvents, Failing>();
            s.AddSingleton<ISessionEvents>(recorder);
        });
        using var client = host.CreateClient();

        var id = await client.GetStringAsync("/login/ada");
        await client.GetStringAsync("/logout");

        var events = await recorder.WaitForAsync(e => e.Any(x => x.Kind == SessionEventKind.Destroyed));
        Assert.Contains(events, e => e.Kind == SessionEventKind.LoggedIn && e.SessionId == id);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Exception?.Message == "handler bug");
    }
}
