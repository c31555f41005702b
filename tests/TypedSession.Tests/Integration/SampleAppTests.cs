using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSession.DataProtection;

namespace TypedSession.Tests.Integration;

public sealed class SampleAppTests
{
    [Fact]
    public async Task Set_data_then_get_data_answers_the_stored_username()
    {
        await using var app = new SampleApp();
        var client = app.CreateClient();

        Assert.Equal("Data stored in session", await SampleApp.GetTextAsync(client, "/set-data"));
        Assert.Equal("Username: John", await SampleApp.GetTextAsync(client, "/get-data"));
    }

    [Fact]
    public async Task Another_visitor_does_not_see_the_first_visitors_session()
    {
        await using var app = new SampleApp();
        await SampleApp.GetTextAsync(app.CreateClient(), "/set-data");

        Assert.Equal("Username: ", await SampleApp.GetTextAsync(app.CreateClient(), "/get-data"));
    }

    [Fact]
    public async Task Controller_receives_the_session_by_constructor_injection()
    {
        await using var app = new SampleApp();
        var client = app.CreateClient();
        await SampleApp.GetTextAsync(client, "/set-data");

        Assert.Equal("Username: John\nRole: \nLogged in: False", await SampleApp.GetTextAsync(client, "/profile"));
    }

    [Fact]
    public async Task Login_leads_to_a_dashboard_with_username_and_role_and_logout_ends_it()
    {
        await using var app = new SampleApp();
        var client = app.CreateClient();

        using var dashboard = await SampleApp.LogInAsync(client, "Ada", "admin");

        Assert.Equal("/Dashboard", dashboard.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await dashboard.Content.ReadAsStringAsync();
        Assert.Contains("<dd id=\"username\">Ada</dd>", html);
        Assert.Contains("<dd id=\"role\">admin</dd>", html);
        Assert.Equal("Username: Ada\nRole: admin\nLogged in: True", await SampleApp.GetTextAsync(client, "/profile"));
        Assert.Contains("Logged in as <strong>Ada</strong> (admin)", await SampleApp.GetTextAsync(client, "/"));

        using var afterLogout = await SampleApp.LogOutAsync(client);

        Assert.Equal("/Login", afterLogout.RequestMessage!.RequestUri!.AbsolutePath);
        using var dashboardAgain = await client.GetAsync("/Dashboard");
        Assert.Equal("/Login", dashboardAgain.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Username: \nRole: \nLogged in: False", await SampleApp.GetTextAsync(client, "/profile"));
    }

    [Fact]
    public async Task Dashboard_sends_an_anonymous_visitor_to_the_login_page()
    {
        await using var app = new SampleApp();
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/Dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Login", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("", "user")]
    [InlineData("Ada", "root")]
    public async Task Invalid_login_shows_the_form_again_and_stores_nothing(string username, string role)
    {
        await using var app = new SampleApp();
        var client = app.CreateClient();

        using var response = await SampleApp.LogInAsync(client, username, role);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/Login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("class=\"errors", await response.Content.ReadAsStringAsync());
        Assert.Equal("Username: \nRole: \nLogged in: False", await SampleApp.GetTextAsync(client, "/profile"));
    }

    [Fact]
    public async Task Corrupt_stored_value_reads_as_the_default_and_logs_a_warning_that_names_the_key()
    {
        await using var app = new SampleApp();
        var client = app.CreateClient();
        await SampleApp.LogInAsync(client, "Ada", "admin");
        await SampleApp.GetTextAsync(client, "/test/corrupt?key=IsLoggedIn");

        Assert.Equal("Username: Ada\nRole: admin\nLogged in: False", await SampleApp.GetTextAsync(client, "/profile"));

        // Whoever reports it (the engine's session, or the codecs' logger on other stores) names the key only.
        var warning = Assert.Single(app.Logs.GetSnapshot(), record => record.Level == LogLevel.Warning && record.Message.Contains("'IsLoggedIn'"));
        Assert.DoesNotContain("Ada", warning.Message);
        Assert.DoesNotContain("admin", warning.Message);
    }

    [Fact]
    public async Task Typed_and_stock_access_see_each_other_in_the_same_request_and_the_next()
    {
        await using var app = new SampleApp();
        var client = app.CreateClient();

        Assert.Equal("stock sees Ada, typed sees admin", await SampleApp.GetTextAsync(client, "/test/interop"));
        Assert.Equal("Ada,admin", await SampleApp.GetTextAsync(client, "/test/stock-read"));
        Assert.Equal("Username: Ada\nRole: admin\nLogged in: False", await SampleApp.GetTextAsync(client, "/profile"));

        await SampleApp.GetTextAsync(client, "/test/stock-write?username=Grace");

        Assert.Equal("Username: Grace", await SampleApp.GetTextAsync(client, "/get-data"));
    }

    [Fact]
    public async Task Sample_makes_no_synchronous_store_call_in_any_of_its_usage_patterns()
    {
        var cache = new AsyncOnlyDistributedCache();
        await using var app = new SampleApp(cache);
        var client = app.CreateClient();

        // Every pattern but the login page, whose LogInAsync needs a store with a per-user index (the adapter over an
        // application's IDistributedCache has none: SessionManagementTests covers what it answers).
        await SampleApp.GetTextAsync(client, "/set-data");
        Assert.Equal("Username: John", await SampleApp.GetTextAsync(client, "/get-data"));
        Assert.Equal("stock sees Ada, typed sees admin", await SampleApp.GetTextAsync(client, "/test/interop"));
        Assert.Equal("Ada,admin", await SampleApp.GetTextAsync(client, "/test/stock-read"));
        Assert.Contains("Username: Ada", await SampleApp.GetTextAsync(client, "/profile"));
        await SampleApp.GetTextAsync(client, "/test/stock-write?username=Grace");
        Assert.Equal("Username: Grace", await SampleApp.GetTextAsync(client, "/get-data"));

        Assert.True(cache.Loads > 0, "The sample did not use the replacement cache.");
        Assert.Equal(0, cache.SynchronousCalls);
    }

    [Fact]
    public async Task Benchmark_stock_branch_keeps_its_cookies_out_of_the_cookie_cache_and_the_typed_branch_caches_one_per_session()
    {
        await using var app = new SampleApp();
        var client = app.CreateClient();
        var cache = Assert.IsType<CachingDataProtectionProvider>(app.Services.GetRequiredService<IDataProtectionProvider>()).SessionCookieProtector;

        // The stock branch compares with an application without TypedSession: its cookies never reach the cache.
        Assert.Equal("started", await SampleApp.GetTextAsync(client, "/bench/stock/start"));
        Assert.Equal("john.doe@example.com (Customer): visit 1", await SampleApp.GetTextAsync(client, "/bench/stock"));
        Assert.Equal("john.doe@example.com (Customer): visit 2", await SampleApp.GetTextAsync(client, "/bench/stock"));
        Assert.Equal(0, cache.Count);

        Assert.Equal("started", await SampleApp.GetTextAsync(client, "/bench/typed/start"));
        Assert.Equal(1, cache.Count);
        Assert.Equal("john.doe@example.com (Customer): visit 1", await SampleApp.GetTextAsync(client, "/bench/typed"));
        Assert.Equal("john.doe@example.com (Customer): visit 2", await SampleApp.GetTextAsync(client, "/bench/typed"));
        Assert.Equal(1, cache.Count);
    }
}
