using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSession.Tests.Infrastructure;

/// <summary>
/// A minimal web app over <c>HttpContext.Session</c> on an <see cref="EngineHost"/> on real Kestrel, whose session setup
/// the test chooses (TypedSession's engine with a store, or the stock session over a distributed cache), so that one
/// set of endpoints measures every setup the same way. Endpoints: <c>/untouched</c> never touches the session;
/// <c>/read</c> loads it and reads one key; <c>/set/{key}/{value}</c> loads it and sets one key; <c>/keys</c> lists
/// the keys.
/// </summary>
internal static class SessionKeysApp
{
    /// <summary>
    /// Starts the app. Apps given the same <paramref name="keyRing"/> folder read each other's cookies; with none, the
    /// app leaves the key ring to the store (or Data Protection's default).
    /// </summary>
    public static Task<EngineHost> StartAsync(Action<IServiceCollection> configureSessions, string? keyRing) =>
        EngineHost.CreateBuilder()
            .UseKestrel()
            .UseSystemClock()
            .WithoutLogging()
            .ConfigureSessions(services =>
            {
                var dataProtection = services.AddDataProtection().SetApplicationName("TypedSession.Tests");
                if (keyRing is not null)
                {
                    dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyRing));
                }
                configureSessions(services);
            })
            .MapEndpoints(app =>
            {
                app.MapGet("/untouched", () => "untouched");
                app.MapGet("/read", async (HttpContext context) =>
                {
                    await context.Session.LoadAsync(context.RequestAborted);
                    return context.Session.GetString("name") ?? "";
                });
                app.MapPost("/set/{key}/{value}", async (HttpContext context, string key, string value) =>
                {
                    await context.Session.LoadAsync(context.RequestAborted);
                    context.Session.SetString(key, value);
                    return "set";
                });
                app.MapGet("/keys", async (HttpContext context) =>
                {
                    await context.Session.LoadAsync(context.RequestAborted);
                    return string.Join(',', context.Session.Keys.Order(StringComparer.Ordinal));
                });
            })
            .StartAsync();

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> through <c>/set</c>; fails the test unless it succeeds.</summary>
    public static async Task SetAsync(this SessionClient client, string key, string value)
    {
        using var response = await client.SendAsync($"/set/{key}/{value}", HttpMethod.Post);
        Assert.True(response.IsSuccessStatusCode, $"POST /set/{key}/{value}: {(int)response.StatusCode}");
    }
}
