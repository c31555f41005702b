using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSession.Tests.Engine;

// CreatedAt, LastAccessedAt and ExpiresAt as a request sees them, through ISessionLifecycle and the typed session class.
public sealed class SessionTimesTests
{
    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/write/{value}", async (HttpContext c, string value) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("user", value);
            return "ok";
        });
        e.MapGet("/times", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            var session = (ISessionLifecycle)c.Session;
            return $"{session.CreatedAt:O}|{session.LastAccessedAt:O}|{session.ExpiresAt:O}";
        });
        e.MapGet("/touch-times", async (HttpContext c) =>
        {
            var session = (ISessionLifecycle)c.Session;
            await session.TouchAsync();
            return $"{session.CreatedAt:O}|{session.LastAccessedAt:O}|{session.ExpiresAt:O}";
        });
        e.MapGet("/typed-times", async (AccountSession s) =>
        {
            s.Username ??= "guest";
            await s.TouchAsync();
            return $"{s.CreatedAt:O}|{s.LastAccessedAt:O}|{s.ExpiresAt:O}";
        });
    }

    private static string Times(DateTimeOffset created, DateTimeOffset lastAccessed, DateTimeOffset expires) =>
        $"{created:O}|{lastAccessed:O}|{expires:O}";

    [Fact]
    public async Task ExpiresAt_is_the_idle_expiry_after_the_last_extension_the_engine_knows_of()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        var start = EngineHost.Start;
        await client.GetStringAsync("/write/john");

        // A read 3 minutes later extends nothing (not due): the times are those of the write.
        host.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(Times(start, start, start.AddMinutes(20)), await client.GetStringAsync("/times"));

        // A write extends: the last access and the expiry move.
        await client.GetStringAsync("/write/jane");
        Assert.Equal(Times(start, start.AddMinutes(3), start.AddMinutes(23)), await client.GetStringAsync("/times"));
    }

    [Fact]
    public async Task ExpiresAt_is_the_end_of_the_absolute_lifetime_when_that_comes_first()
    {
        await using var host = await EngineHost.StartAsync(Routes, o => o.AbsoluteLifetime = TimeSpan.FromMinutes(30));
        var client = host.CreateClient();
        var start = EngineHost.Start;
        await client.GetStringAsync("/write/john");

        host.Time.Advance(TimeSpan.FromMinutes(15));
        await client.GetStringAsync("/write/jane");

        Assert.Equal(Times(start, start.AddMinutes(15), start.AddMinutes(30)), await client.GetStringAsync("/times"));
    }

    [Fact]
    public async Task Touch_moves_the_last_access_and_the_expiry_to_now()
    {
        await using var host = await EngineHost.StartAsync(Routes);
        var client = host.CreateClient();
        var start = EngineHost.Start;
        await client.GetStringAsync("/write/john");
        host.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(Times(start, start.AddMinutes(2), start.AddMinutes(22)), await client.GetStringAsync("/touch-times"));
        // Stored: another request sees the same times.
        Assert.Equal(Times(start, start.AddMinutes(2), start.AddMinutes(22)), await client.GetStringAsync("/times"));
    }

    [Fact]
    public async Task The_typed_session_class_exposes_the_times_and_touch()
    {
        await using var host = await EngineHost.StartAsync(Routes, services: s => s.AddTypedSession<AccountSession>());
        var client = host.CreateClient();
        var start = EngineHost.Start;
        await client.GetStringAsync("/typed-times");
        host.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Times(start, start.AddMinutes(1), start.AddMinutes(21)), await client.GetStringAsync("/typed-times"));
    }
}
