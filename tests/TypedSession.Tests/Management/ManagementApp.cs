using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSession.Tests.Management;

/// <summary>
/// A small app over the engine with the default store (which keeps a per-user index): login, logout, the current
/// user, and the directory's list and revocations, as the session-management tests drive them over HTTP.
/// </summary>
internal static class ManagementApp
{
    private static ISessionLifecycle Lifecycle(HttpContext c) => (ISessionLifecycle)c.Session;

    public static Task<EngineHost> StartAsync(Action<TypedSessionOptions>? options = null, Action<IServiceCollection>? services = null)
    {
        var builder = EngineHost.CreateBuilder()
            .ConfigureSessions(s =>
            {
                s.AddSession();
                s.AddTypedSessionEngine(options);
            })
            .MapEndpoints(Routes);
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
        return builder.StartAsync();
    }

    private static void Routes(IEndpointRouteBuilder e)
    {
        e.MapGet("/login/{user}", async (HttpContext c, string user, bool? remember, string? device) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("cart", "3 items");
            try
            {
                await Lifecycle(c).LogInAsync(user, remember ?? false, device);
            }
            catch (SessionLimitExceededException)
            {
                return Results.Conflict("too many sessions");
            }
            return Results.Text(c.Session.Id);
        });
        e.MapGet("/me", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return $"{Lifecycle(c).LoggedInUserId ?? "(anonymous)"} {c.Session.GetString("cart") ?? "(no cart)"}";
        });
        e.MapGet("/id", async (HttpContext c) =>
        {
            await c.Session.LoadAsync();
            return c.Session.Id;
        });
        e.MapGet("/write/{value}", async (HttpContext c, string value) =>
        {
            await c.Session.LoadAsync();
            c.Session.SetString("cart", value);
            return "ok";
        });
        e.MapGet("/regenerate", async (HttpContext c) =>
        {
            await Lifecycle(c).RegenerateIdAsync();
            return c.Session.Id;
        });
        e.MapGet("/logout", async (HttpContext c) =>
        {
            await Lifecycle(c).LogOutAsync();
            return "ok";
        });
        e.MapGet("/sessions/{user}", async (ISessionDirectory directory, string user) =>
            string.Join("\n", (await directory.GetSessionsAsync(user)).Select(s => $"{s.Id} {s.Device ?? "-"} persistent={s.IsPersistent}")));
        e.MapGet("/revoke/{user}/{id}", async (ISessionDirectory directory, string user, string id) =>
            (await directory.RevokeAsync(user, id)).ToString());
        e.MapGet("/revoke-others/{user}/{except}", async (ISessionDirectory directory, string user, string except) =>
            (await directory.RevokeAllAsync(user, except)).ToString());
    }
}
