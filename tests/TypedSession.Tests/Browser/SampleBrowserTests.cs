using System.Globalization;
using Microsoft.Playwright;

namespace TypedSession.Tests.Browser;

/// <summary>
/// The sample app in headless Chromium over real HTTP: the login form, the dashboard, the session cookie as the
/// browser holds it, ID regeneration at login and destruction at logout.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SampleBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    [ChromiumFact]
    public async Task Login_form_leads_to_the_dashboard_with_username_and_role()
    {
        await using var server = SampleServer.Start();
        await using var context = await chromium.NewContextAsync(server.BaseAddress);
        var page = await context.NewPageAsync();

        await page.OpenAsync("Login");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = TestArtifacts.Screenshot("sample-login"), FullPage = true });

        await LogInAsync(page, "Ada", "admin");

        await page.ExpectPathAsync("Dashboard");
        await Assertions.Expect(page.Locator("#username")).ToHaveTextAsync("Ada");
        await Assertions.Expect(page.Locator("#role")).ToHaveTextAsync("admin");
        await page.ScreenshotAsync(new() { Path = TestArtifacts.Screenshot("sample-dashboard"), FullPage = true });
    }

    [ChromiumFact]
    public async Task Session_cookie_is_httponly_samesite_lax_on_the_root_path_and_hidden_from_scripts()
    {
        await using var server = SampleServer.Start();
        await using var context = await chromium.NewContextAsync(server.BaseAddress);
        var page = await context.NewPageAsync();

        await page.OpenAsync("Login");
        await LogInAsync(page, "Ada", "admin");

        var cookie = await SessionCookieAsync(context, server);
        Assert.True(cookie.HttpOnly, "the session cookie is readable by scripts");
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.Equal("/", cookie.Path);
        Assert.Equal(server.BaseAddress.Host, cookie.Domain);
        Assert.Equal(-1, cookie.Expires); // a browser-session cookie: the lifetime is enforced by the server
        var scriptVisible = await page.EvaluateAsync<string>("() => document.cookie");
        Assert.DoesNotContain(server.SessionCookieName, scriptVisible);
        Assert.DoesNotContain(cookie.Value, scriptVisible);
    }

    [ChromiumFact]
    public async Task Login_regenerates_the_session_cookie_and_the_pre_login_cookie_opens_nothing()
    {
        await using var server = SampleServer.Start();
        await using var context = await chromium.NewContextAsync(server.BaseAddress);
        var page = await context.NewPageAsync();

        // An anonymous visitor already has a session (as a planted, fixated cookie would be) before logging in.
        await page.OpenAsync("set-data");
        var beforeLogin = await SessionCookieAsync(context, server);

        await page.OpenAsync("Login");
        await LogInAsync(page, "Ada", "admin");

        var afterLogin = await SessionCookieAsync(context, server);
        Assert.NotEqual(beforeLogin.Value, afterLogin.Value);
        // Values are kept across the new id: /set-data's Username was overwritten by the login, so read the role too.
        await page.OpenAsync("profile");
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync("Username: Ada\nRole: admin\nLogged in: True");

        await using var attacker = await chromium.NewContextAsync(server.BaseAddress);
        await attacker.AddCookiesAsync([beforeLogin]);
        var attackerPage = await attacker.NewPageAsync();
        await attackerPage.OpenAsync("Dashboard");
        await attackerPage.ExpectPathAsync("Login");
        await attackerPage.OpenAsync("get-data");
        await Assertions.Expect(attackerPage.Locator("body")).ToHaveTextAsync("Username:");
    }

    [ChromiumFact]
    public async Task Session_survives_navigation_and_reload()
    {
        await using var server = SampleServer.Start();
        await using var context = await chromium.NewContextAsync(server.BaseAddress);
        var page = await context.NewPageAsync();
        await page.OpenAsync("Login");
        await LogInAsync(page, "Grace", "editor");
        var cookie = await SessionCookieAsync(context, server);

        var nav = page.Locator("nav");
        await nav.GetByRole(AriaRole.Link, new() { Name = "TypedSession" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status")).ToHaveTextAsync("Logged in as Grace (editor).");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Profile (MVC)" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveTextAsync("Username: Grace\nRole: editor\nLogged in: True");
        await page.GoBackAsync(new() { WaitUntil = WaitUntilState.Commit });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await page.ExpectPathAsync("Dashboard");
        await page.ReloadAsync(PageNavigation.UntilCommitted);

        await page.ExpectPathAsync("Dashboard");
        await Assertions.Expect(page.Locator("#username")).ToHaveTextAsync("Grace");
        await Assertions.Expect(page.Locator("#role")).ToHaveTextAsync("editor");
        Assert.Equal(cookie.Value, (await SessionCookieAsync(context, server)).Value);
    }

    [ChromiumFact]
    public async Task Logout_destroys_the_session_and_the_old_cookie_no_longer_opens_the_dashboard()
    {
        await using var server = SampleServer.Start();
        await using var context = await chromium.NewContextAsync(server.BaseAddress);
        var page = await context.NewPageAsync();
        await page.OpenAsync("Login");
        await LogInAsync(page, "Ada", "admin");
        var loggedIn = await SessionCookieAsync(context, server);

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.ExpectPathAsync("Login");

        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == server.SessionCookieName);
        await page.OpenAsync("Dashboard");
        await page.ExpectPathAsync("Login");

        await using var replay = await chromium.NewContextAsync(server.BaseAddress);
        await replay.AddCookiesAsync([loggedIn]);
        var replayPage = await replay.NewPageAsync();
        await replayPage.OpenAsync("Dashboard");
        await replayPage.ExpectPathAsync("Login");
        await replayPage.OpenAsync("profile");
        await Assertions.Expect(replayPage.Locator("body")).ToHaveTextAsync("Username: \nRole: \nLogged in: False");
    }

    [ChromiumFact]
    public async Task Remember_me_gives_a_persistent_cookie_and_the_dashboard_shows_when_each_session_expires()
    {
        await using var server = SampleServer.Start();
        await using var remembered = await chromium.NewContextAsync(server.BaseAddress);
        await using var plain = await chromium.NewContextAsync(server.BaseAddress);
        var rememberedPage = await remembered.NewPageAsync();
        var plainPage = await plain.NewPageAsync();
        var before = DateTimeOffset.UtcNow;

        await rememberedPage.OpenAsync("Login");
        await LogInAsync(rememberedPage, "Ada", "admin", rememberMe: true);
        await plainPage.OpenAsync("Login");
        await LogInAsync(plainPage, "Grace", "editor");

        // The remembered cookie has an expiry about 30 days out (seconds since the epoch); the plain one ends with the
        // browser session (-1).
        var persistent = await SessionCookieAsync(remembered, server);
        Assert.InRange(persistent.Expires!.Value, before.AddDays(30).ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds() + 5);
        Assert.Equal(-1, (await SessionCookieAsync(plain, server)).Expires);

        await Assertions.Expect(rememberedPage.Locator("#remembered")).ToHaveTextAsync("yes");
        await Assertions.Expect(plainPage.Locator("#remembered")).ToHaveTextAsync("no");
        var rememberedExpiry = DateTimeOffset.Parse(await rememberedPage.Locator("#expires time").GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
        var plainExpiry = DateTimeOffset.Parse(await plainPage.Locator("#expires time").GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
        Assert.InRange(rememberedExpiry, before.AddDays(30).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30).AddMinutes(1));
        Assert.InRange(plainExpiry, before.AddMinutes(19), DateTimeOffset.UtcNow.AddMinutes(21));
        await rememberedPage.ScreenshotAsync(new() { Path = TestArtifacts.Screenshot("sample-dashboard-remembered"), FullPage = true });
    }

    [ChromiumFact]
    public async Task Your_sessions_lists_both_devices_and_logging_out_the_other_one_logs_it_out_on_its_next_navigation()
    {
        await using var server = SampleServer.Start();
        await using var laptop = await chromium.NewContextAsync(server.BaseAddress);
        await using var phone = await chromium.NewContextAsync(server.BaseAddress);
        var laptopPage = await laptop.NewPageAsync();
        var phonePage = await phone.NewPageAsync();
        await phonePage.OpenAsync("Login");
        await LogInAsync(phonePage, "Ada", "admin");
        await laptopPage.OpenAsync("Login");
        await LogInAsync(laptopPage, "Ada", "admin", rememberMe: true);

        var rows = laptopPage.Locator("#sessions tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(laptopPage.Locator("#sessions tr.current")).ToContainTextAsync("(this device)");
        await Assertions.Expect(laptopPage.Locator("#sessions tr.current")).ToContainTextAsync("Chrome");
        await laptopPage.ScreenshotAsync(new() { Path = TestArtifacts.Screenshot("sample-your-sessions"), FullPage = true });

        await laptopPage.Locator("#sessions tr:not(.current)").GetByRole(AriaRole.Button, new() { Name = "Log out this device" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        // The phone learns it on its next navigation: its cookie now opens an empty session.
        await phonePage.OpenAsync("Dashboard");
        await phonePage.ExpectPathAsync("Login");
        await laptopPage.ReloadAsync(PageNavigation.UntilCommitted);
        await Assertions.Expect(laptopPage.Locator("#username")).ToHaveTextAsync("Ada");
    }

    [ChromiumFact]
    public async Task Log_out_all_other_devices_keeps_only_this_one()
    {
        await using var server = SampleServer.Start();
        var contexts = new List<IBrowserContext>();
        var pages = new List<IPage>();
        for (var i = 0; i < 3; i++)
        {
            var context = await chromium.NewContextAsync(server.BaseAddress);
            contexts.Add(context);
            var page = await context.NewPageAsync();
            await page.OpenAsync("Login");
            await LogInAsync(page, "Grace", "editor");
            pages.Add(page);
        }
        await pages[2].ReloadAsync(PageNavigation.UntilCommitted);
        await Assertions.Expect(pages[2].Locator("#sessions tbody tr")).ToHaveCountAsync(3);

        await pages[2].GetByRole(AriaRole.Button, new() { Name = "Log out all other devices" }).ClickAsync();

        await Assertions.Expect(pages[2].Locator("#sessions tbody tr")).ToHaveCountAsync(1);
        foreach (var page in pages.Take(2))
        {
            await page.OpenAsync("Dashboard");
            await page.ExpectPathAsync("Login");
        }
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }
    }

    private static async Task LogInAsync(IPage page, string username, string role, bool rememberMe = false)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Role").SelectOptionAsync(role);
        await page.GetByLabel("Remember me on this device").SetCheckedAsync(rememberMe);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.ExpectPathAsync("Dashboard");
        await Assertions.Expect(page.Locator("#username")).ToHaveTextAsync(username);
    }

    private static async Task<Cookie> SessionCookieAsync(IBrowserContext context, SampleServer server)
    {
        var cookies = await context.CookiesAsync();
        var session = cookies.Where(c => c.Name == server.SessionCookieName).ToList();
        Assert.True(session.Count == 1,
            $"expected one '{server.SessionCookieName}' cookie, the browser holds: {string.Join(", ", cookies.Select(c => c.Name))}");
        return ToCookie(session[0]);
    }

    // BrowserContextCookiesResult back into a Cookie that AddCookiesAsync accepts, flags included.
    private static Cookie ToCookie(BrowserContextCookiesResult c) => new()
    {
        Name = c.Name,
        Value = c.Value,
        Domain = c.Domain,
        Path = c.Path,
        HttpOnly = c.HttpOnly,
        Secure = c.Secure,
        SameSite = c.SameSite,
        Expires = c.Expires,
    };
}
