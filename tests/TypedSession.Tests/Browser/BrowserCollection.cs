namespace TypedSession.Tests.Browser;

/// <summary>
/// The browser tests run alone, after every parallel test collection: on a two-core machine, Chromium next to the
/// packing and real-build tests can miss Playwright's navigation timeouts although nothing is wrong.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
