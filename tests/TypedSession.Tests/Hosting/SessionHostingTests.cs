using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TypedSession.Tests.Hosting;

public sealed class SessionHostingTests
{
    private readonly AsyncOnlyDistributedCache _cache = new();

    /// <summary>
    /// The stock AddSession/UseSession over <see cref="AsyncOnlyDistributedCache"/>, minimal APIs, controllers and the
    /// Razor pages of Hosting/Pages.
    /// </summary>
    private static Task<EngineHost> StartAsync(AsyncOnlyDistributedCache cache, bool useSession = true)
    {
        var builder = EngineHost.CreateBuilder()
            .UseSystemClock()
            .ConfigureSessions(services =>
            {
                services.AddSingleton<IDistributedCache>(cache);
                services.AddSession();
                services.AddTypedSession<CartSession>();
                services.AddTypedSession<WishlistSession>();
            })
            .WithControllersAndPages("/Hosting/Pages")
            .MapEndpoints(app =>
            {
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
            });
        if (!useSession)
        {
            builder.WithoutSessionMiddleware();
        }
        return builder.StartAsync();
    }

    /// <summary>The body of a successful GET without the whitespace around a page's markup.</summary>
    private static async Task<string> GetTextAsync(SessionClient client, string path) => (await client.GetStringAsync(path)).Trim();

    [Theory]
    [InlineData("/hosting/minimal")]
    [InlineData("/hosting/mvc/constructor")]
    [InlineData("/hosting/mvc/parameter")]
    [InlineData("/hosting/pages/constructor")]
    [InlineData("/hosting/pages/parameter")]
    public async Task Each_usage_pattern_reads_and_writes_with_asynchronous_store_io_only(string path)
    {
        await using var app = await StartAsync(_cache);
        using var client = app.CreateClient();

        var first = await GetTextAsync(client, path);
        var second = await GetTextAsync(client, path);

        Assert.StartsWith("count: 1", first);
        Assert.StartsWith("count: 2", second);
        Assert.Equal(0, _cache.SynchronousCalls);
    }

    [Fact]
    public async Task Razor_page_that_injects_the_session_into_its_markup_reads_it_with_asynchronous_store_io_only()
    {
        await using var app = await StartAsync(_cache);
        using var client = app.CreateClient();
        await GetTextAsync(client, "/hosting/minimal");

        var page = await GetTextAsync(client, "/hosting/pages/injected");

        Assert.Equal("count: 1", page);
        Assert.Equal(0, _cache.SynchronousCalls);
    }

    [Fact]
    public async Task Minimal_api_parameter_is_the_request_scoped_instance()
    {
        await using var app = await StartAsync(_cache);
        using var client = app.CreateClient();

        Assert.Equal("count: 1, request instance: True", await GetTextAsync(client, "/hosting/minimal"));
    }

    [Theory]
    [InlineData("/hosting/untouched")]
    [InlineData("/hosting/mvc/untouched")]
    [InlineData("/hosting/pages/untouched")]
    public async Task Request_that_never_touches_the_session_makes_no_load(string path)
    {
        await using var app = await StartAsync(_cache);
        using var client = app.CreateClient();
        await GetTextAsync(client, "/hosting/minimal");
        var loadsBefore = _cache.Loads;

        Assert.Equal("untouched", await GetTextAsync(client, path));

        Assert.Equal(loadsBefore, _cache.Loads);
        Assert.Equal(0, _cache.SynchronousCalls);
    }

    [Theory]
    [InlineData("/hosting/minimal")]
    [InlineData("/hosting/resolve")]
    [InlineData("/hosting/mvc/constructor")]
    [InlineData("/hosting/mvc/parameter")]
    [InlineData("/hosting/pages/constructor")]
    [InlineData("/hosting/pages/parameter")]
    public async Task Without_UseSession_the_session_class_fails_with_a_message_that_names_the_fix(string path)
    {
        await using var app = await StartAsync(_cache, useSession: false);
        using var client = app.CreateClient();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Http.GetAsync(path));

        Assert.Contains("CartSession", error.Message);
        Assert.Contains("builder.Services.AddSession()", error.Message);
        Assert.Contains("app.UseSession()", error.Message);
    }

    [Fact]
    public async Task Resolving_outside_a_request_fails_with_a_message_that_names_the_fix()
    {
        await using var app = await StartAsync(_cache);
        using var client = app.CreateClient();
        using var scope = app.Services.CreateScope();

        var error = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<CartSession>());

        Assert.Contains("CartSession", error.Message);
        Assert.Contains("outside of a request", error.Message);
    }

    [Fact]
    public async Task Undecodable_value_is_logged_by_the_host_that_served_the_request()
    {
        await using var first = await StartAsync(new AsyncOnlyDistributedCache());
        await using var second = await StartAsync(new AsyncOnlyDistributedCache());
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        Assert.Equal("count: 0", await GetTextAsync(firstClient, "/hosting/corrupt"));
        Assert.Equal("count: 0", await GetTextAsync(secondClient, "/hosting/corrupt"));

        foreach (var host in new[] { first, second })
        {
            // The engine's session hears about undecodable values and logs them with its session-id hash.
            var warning = Assert.Single(host.Logs.GetSnapshot(), r => r.Category == typeof(SessionEngine).FullName && r.Id.Id == 130);
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.Contains("'ItemCount'", warning.Message);
        }
    }
}
