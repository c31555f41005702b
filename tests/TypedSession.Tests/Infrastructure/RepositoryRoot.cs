namespace TypedSession.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test assembly's folder.</summary>
internal static class RepositoryRoot
{
    /// <summary>The folder that holds TypedSession.sln.</summary>
    public static string Path { get; } = Find();

    /// <summary>The build configuration the tests were built in (Debug or Release), read from the test assembly's path.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Parent!.Name;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "TypedSession.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder of TypedSession.sln) was not found above the test assembly.");
    }
}
