using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TypedSession.Tests.Hosting;

public sealed class SessionHostingTests
{
    [Theory]
    [InlineData("/hosting/minimal")]
    [InlineData("/hosting/mvc/constructor")]
    [InlineData("/hosting/mvc/parameter")]
    [InlineData("/hosting/pages/constructor")]
    [InlineData("/hosting/pages/parameter")]
    public async Task Each_usage_pattern_reads_and_writes_with_asynchronous_store_io_only(string path)
    {
        await using var app = await HostingTestApp.StartAsync();

        var first = await app.GetStringAsync(path);
        var second = await app.GetStringAsync(path);

        Assert.StartsWith("count: 1", first);
        Assert.StartsWith("count: 2", second);
        Assert.Equal(0, app.Cache.SynchronousCalls);
    }

    [Fact]
    public async Task Razor_page_that_injects_the_session_into_its_markup_reads_it_with_asynchronous_store_io_only()
    {
        await using var app = await HostingTestApp.StartAsync();
        await app.GetStringAsync("/hosting/minimal");

        var page = await app.GetStringAsync("/hosting/pages/injected");

        Assert.Equal("count: 1", page);
        Assert.Equal(0, app.Cache.SynchronousCalls);
    }

    [Fact]
    public async Task Minimal_api_parameter_is_the_request_scoped_instance()
    {
        await using var app = await HostingTestApp.StartAsync();

        Assert.Equal("count: 1, request instance: True", await app.GetStringAsync("/hosting/minimal"));
    }

    [Theory]
    [InlineData("/hosting/untouched")]
    [InlineData("/hosting/mvc/untouched")]
    [InlineData("/hosting/pages/untouched")]
    public async Task Request_that_never_touches_the_session_makes_no_load(string path)
    {
        await using var app = await HostingTestApp.StartAsync();
        await app.GetStringAsync("/hosting/minimal");
        var loadsBefore = app.Cache.Loads;

        Assert.Equal("untouched", await app.GetStringAsync(path));

        Assert.Equal(loadsBefore, app.Cache.Loads);
        Assert.Equal(0, app.Cache.SynchronousCalls);
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
        await using var app = await HostingTestApp.StartAsync(useSession: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Client.GetAsync(path));

        Assert.Contains("CartSession", error.Message);
        Assert.Contains("builder.Services.AddSession()", error.Message);
        Assert.Contains("app.UseSession()", error.Message);
    }

    [Fact]
    public async Task Resolving_outside_a_request_fails_with_a_message_that_names_the_fix()
    {
        await using var app = await HostingTestApp.StartAsync();
        using var scope = app.Services.CreateScope();

        var error = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<CartSession>());

        Assert.Contains("CartSession", error.Message);
        Assert.Contains("outside of a request", error.Message);
    }

    [Fact]
    public async Task Undecodable_value_is_logged_by_the_host_that_served_the_request()
    {
        await using var first = await HostingTestApp.StartAsync();
        await using var second = await HostingTestApp.StartAsync();

        Assert.Equal("count: 0", await first.GetStringAsync("/hosting/corrupt"));
        Assert.Equal("count: 0", await second.GetStringAsync("/hosting/corrupt"));

        foreach (var host in new[] { first, second })
        {
            // The engine's session hears about undecodable values and logs them with its session-id hash.
            var warning = Assert.Single(host.Logs.GetSnapshot(), r => r.Category == typeof(SessionEngine).FullName && r.Id.Id == 130);
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.Contains("'ItemCount'", warning.Message);
        }
    }
}
