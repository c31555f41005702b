namespace TypedSession.Tests.Infrastructure;

/// <summary>
/// Files tests keep for people to look at after a run, under artifacts/test-results (the folder ./test.sh and CI
/// collect with the TRX files).
/// </summary>
internal static class TestArtifacts
{
    /// <summary>The path for a screenshot named <paramref name="name"/>.png, with its folder created.</summary>
    public static string Screenshot(string name)
    {
        var folder = RepositoryPaths.Combine("artifacts", "test-results", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
