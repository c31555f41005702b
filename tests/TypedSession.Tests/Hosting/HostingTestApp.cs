using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace TypedSession.Tests.Hosting;

/// <summary>
/// A real app on TestServer: the stock AddSession/UseSession over <see cref="AsyncOnlyDistributedCache"/>, minimal APIs,
/// controllers and the Razor pages of Hosting/Pages, and a client that carries the session cookie.
/// </summary>
internal sealed class HostingTestApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private HostingTestApp(WebApplication app, AsyncOnlyDistributedCache cache)
    {
        this.app = app;
        Cache = cache;
        Client = new HttpClient(new CookieContainerHandler { InnerHandler = app.GetTestServer().CreateHandler() })
        {
            BaseAddress = new Uri("http://localhost/"),
        };
    }

    public AsyncOnlyDistributedCache Cache { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public FakeLogCollector Logs => app.Services.GetFakeLogCollector();

    public static async Task<HostingTestApp> StartAsync(bool useSession = true)
    {
        var testAssembly = typeof(HostingTestApp).Assembly;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = testAssembly.GetName().Name,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();

        var cache = new AsyncOnlyDistributedCache();
        builder.Services.AddSingleton<IDistributedCache>(cache);
        builder.Services.AddSession();
        builder.Services.AddTypedSession<CartSession>();
        builder.Services.AddTypedSession<WishlistSession>();
        builder.Services.AddControllers().ConfigureApplicationPartManager(parts =>
        {
            // Only this test assembly's controllers and pages, not those of the referenced sample app.
            parts.ApplicationParts.Clear();
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(testAssembly).GetApplicationParts(testAssembly))
            {
                parts.ApplicationParts.Add(part);
            }
        });
        builder.Services.AddRazorPages(options => options.RootDirectory = "/Hosting/Pages");

        var app = builder.Build();
        if (useSession)
        {
            app.UseSession();
        }
        app.MapControllers();
        app.MapRazorPages();
        app.MapGet("/hosting/minimal", (CartSession cart, HttpContext context) =>
            $"count: {++cart.ItemCount}, request instance: {ReferenceEquals(cart, context.RequestServices.GetRequiredService<CartSession>())}");
        app.MapGet("/hosting/untouched", () => "untouched");
        app.MapGet("/hosting/resolve", (HttpContext context) => $"count: {context.RequestServices.GetRequiredService<CartSession>().ItemCount}");
        app.MapGet("/hosting/corrupt", async (HttpContext context) =>
        {
            await context.Session.LoadAsync();
            context.Session.Set(nameof(CartSession.ItemCount), [1, 2, 3]);
            return $"count: {CartSession.Create(context.Session).ItemCount}";
        });
        await app.StartAsync();
        return new HostingTestApp(app, cache);
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }
}
