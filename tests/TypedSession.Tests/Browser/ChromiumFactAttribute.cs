namespace TypedSession.Tests.Browser;

/// <summary>
/// A fact that needs Debian's Chromium. On a developer machine without it the test is skipped with the command that
/// installs it; under CI (<c>CI=true</c>) it always runs, so a missing browser fails the run instead of hiding.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!ChromiumBrowser.IsInstalled && !ChromiumBrowser.IsContinuousIntegration)
        {
            Skip = $"No Chromium at {ChromiumBrowser.ExecutablePath}: run 'sudo bash eng/install-test-dependencies.sh' (./test.sh does).";
        }
    }
}
