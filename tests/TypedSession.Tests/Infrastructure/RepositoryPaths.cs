namespace TypedSession.Tests.Infrastructure;

/// <summary>Paths of the checkout the tests run from, found from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TypedSession.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No TypedSession.sln above {AppContext.BaseDirectory}.");
    });

    /// <summary>The folder that holds TypedSession.sln.</summary>
    public static string Root => root.Value;

    /// <summary>The build configuration the tests were built with (Debug or Release), so tools build the same.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
