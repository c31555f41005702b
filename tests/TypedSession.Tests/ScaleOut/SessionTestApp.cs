using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TypedSession.Tests.ScaleOut;

/// <summary>
/// A minimal web app over <c>HttpContext.Session</c>, run in-process on Kestrel on a loopback port, whose session setup the test
/// chooses (TypedSession's engine with a store, or the stock session over a distributed cache), so that one set of
/// endpoints measures every setup the same way. Endpoints: <c>/untouched</c> never touches the session;
/// <c>/read</c> loads it and reads one key; <c>/set/{key}/{value}</c> loads it and sets one key; <c>/keys</c> lists
/// the keys.
/// </summary>
internal sealed class SessionTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SessionTestApp(WebApplication app) => _app = app;

    /// <summary>
    /// Starts the app. Apps given the same <paramref name="keyRing"/> folder read each other's cookies; with none, the
    /// app leaves the key ring to the store (or Data Protection's default).
    /// </summary>
    public static async Task<SessionTestApp> StartAsync(Action<IServiceCollection> configureSessions, string? keyRing)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("TypedSession.Tests");
        if (keyRing is not null)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyRing));
        }

        configureSessions(builder.Services);

        var app = builder.Build();
        app.UseSession();
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
        await app.StartAsync();
        return new SessionTestApp(app);
    }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The address Kestrel listens on (a free loopback port).</summary>
    public Uri Address => new(_app.Urls.First());

    /// <summary>A client that keeps the session cookie it is given, like a browser.</summary>
    public SessionClient CreateClient() => new(Address);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
