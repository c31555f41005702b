using Microsoft.Playwright;

namespace TypedSession.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven through Playwright, launched once per test class. Playwright's own browser
/// downloads are never used: the executable is the system one that eng/install-test-dependencies.sh installs.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] LaunchArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool IsContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The running browser.</summary>
    public IBrowser Browser => browser ?? throw new InvalidOperationException(
        $"Chromium is not running: {ExecutablePath} is missing. Install it with 'sudo bash eng/install-test-dependencies.sh'.");

    public async Task InitializeAsync()
    {
        // Retrying assertions carry the waiting after each navigation (see PageNavigation); Playwright's 5 s default is
        // short for a page of a sample that shares a small machine with the rest of the test run.
        Assertions.SetDefaultExpectTimeout(30_000);
        // Without the browser the tests are skipped (ChromiumFact) or, under CI, fail in Browser with the fix.
        if (!IsInstalled)
        {
            return;
        }
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = LaunchArguments,
        });
    }

    /// <summary>A fresh browser profile (no cookies) whose relative URLs resolve against <paramref name="baseAddress"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseAddress) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1024, Height = 640 },
            Locale = "en-US",
        });

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
    }
}
