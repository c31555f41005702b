using System.Text.RegularExpressions;

namespace TypedSession.Tests.Packaging;

/// <summary>
/// The shipping packages' public API is listed in <c>PublicAPI.Shipped.txt</c>/<c>PublicAPI.Unshipped.txt</c>, and a
/// public change that is not listed there fails the build. Proven on a copy of the sources, so the repository itself
/// is never edited.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PublicApiTrackingTests
{
    [Fact]
    public async Task Build_fails_with_RS0016_when_a_public_type_is_not_in_the_public_api_files()
    {
        var copy = Directory.CreateTempSubdirectory("typedsession-publicapi-").FullName;
        try
        {
            CopySources(copy);
            File.WriteAllText(Path.Combine(copy, "src", "Runtime", "UnlistedPublicType.cs"), """
                namespace TypedSession;

                /// <summary>A public type that PublicAPI.Unshipped.txt does not list.</summary>
                public sealed class UnlistedPublicType
                {
                }
                """);

            // Only the runtime: its generator and code fix references are not consumed by its compilation.
            var result = await ProcessRunner.RunAsync("dotnet",
                "build TypedSession.csproj -c Release -nologo -p:BuildProjectReferences=false",
                Path.Combine(copy, "src", "Runtime"), TimeSpan.FromMinutes(10));

            Assert.NotEqual(0, result.ExitCode);
            var errors = result.Output.Split('\n').Where(line => Regex.IsMatch(line, @": error [A-Z]+\d+:")).ToList();
            Assert.Contains(errors, line => line.Contains("error RS0016:", StringComparison.Ordinal)
                && line.Contains("UnlistedPublicType", StringComparison.Ordinal));
            // Nothing else broke the copy: the unlisted type is the only reason the build fails.
            Assert.All(errors, line => Assert.Contains("error RS0016:", line, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Theory]
    [InlineData("Runtime")]
    [InlineData("Redis")]
    [InlineData("Sqlite")]
    public void Every_shipping_project_tracks_its_public_api(string project)
    {
        var folder = RepositoryPaths.Combine("src", project);
        var csproj = File.ReadAllText(Directory.GetFiles(folder, "*.csproj").Single());

        Assert.Contains("Microsoft.CodeAnalysis.PublicApiAnalyzers", csproj, StringComparison.Ordinal);
        Assert.Contains("<EnablePackageValidation>true</EnablePackageValidation>", csproj, StringComparison.Ordinal);
        foreach (var file in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
        {
            Assert.Contains($"<AdditionalFiles Include=\"{file}\" />", csproj, StringComparison.Ordinal);
            Assert.Equal("#nullable enable", File.ReadLines(Path.Combine(folder, file)).First());
        }
    }

    // src/ without build output, and the root files every project imports.
    private static void CopySources(string destination)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
        {
            File.Copy(RepositoryPaths.Combine(file), Path.Combine(destination, file));
        }
        var source = RepositoryPaths.Combine("src");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj"))
            {
                continue;
            }
            var target = Path.Combine(destination, "src", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
