using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TypedSession.Tests.Browser;

/// <summary>
/// Navigation that waits only for the response to be committed, then lets web-first assertions wait for what the test
/// needs. Waiting for the page's <c>load</c> event (Playwright's default) hung for 30 s under the load of the whole
/// test run: the trace showed the network idle after the POST-redirect-GET of a login, but the <c>load</c> lifecycle
/// event never reached the waiter. Every check that follows a navigation here is a retrying assertion on the URL or on
/// an element's text, which holds however late the browser reports its lifecycle.
/// </summary>
internal static class PageNavigation
{
    /// <summary>Reload options: done once the new response is committed.</summary>
    public static PageReloadOptions UntilCommitted => new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>Goes to <paramref name="path"/> (relative to the context's base URL), following server redirects.</summary>
    public static Task<IResponse?> OpenAsync(this IPage page, string path) =>
        page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

    /// <summary>Waits until the page's URL ends with <c>/</c><paramref name="path"/>, as after a redirect. (Playwright sends the pattern to the browser as a JavaScript regular expression, so no .NET-only options.)</summary>
    public static Task ExpectPathAsync(this IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex("/" + Regex.Escape(path) + "$"));
}
