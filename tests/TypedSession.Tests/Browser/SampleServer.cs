using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedSession.Tests.Integration;

namespace TypedSession.Tests.Browser;

/// <summary>
/// The sample app on a real Kestrel listening on a free loopback port, so that a real browser can reach it (the
/// in-memory TestServer has no socket). It is the sample's <see cref="SampleApp"/> on Kestrel, not an
/// <see cref="EngineHost"/>, because the browser tests exercise the sample's own pages and pipeline.
/// </summary>
internal sealed class SampleServer : IAsyncDisposable
{
    private readonly SampleApp app;

    private SampleServer(SampleApp app, Uri baseAddress, string sessionCookieName)
    {
        this.app = app;
        BaseAddress = baseAddress;
        SessionCookieName = sessionCookieName;
    }

    /// <summary>For example http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The name of the session cookie, from the app's <see cref="SessionOptions"/>.</summary>
    public string SessionCookieName { get; }

    public static SampleServer Start()
    {
        var app = new SampleApp();
        try
        {
            app.UseKestrel(0);
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var cookieName = app.Services.GetRequiredService<IOptions<SessionOptions>>().Value.Cookie.Name!;
            return new SampleServer(app, new Uri(address.TrimEnd('/') + "/"), cookieName);
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
