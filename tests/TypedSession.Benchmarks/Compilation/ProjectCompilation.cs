using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedSession.Benchmarks.Compilation;

/// <summary>
/// Turns a <see cref="SyntheticProject"/> into Roslyn compilations the way a build does: against the SDK's reference
/// packs (Microsoft.NETCore.App.Ref and Microsoft.AspNetCore.App.Ref) plus the TypedSession runtime, with the
/// project's language version and nullable context.
/// </summary>
public static class ProjectCompilation
{
    /// <summary>The parse options of every synthetic project.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>The metadata references of every synthetic project.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>Parses one file.</summary>
    public static SyntaxTree Parse(SourceFile source) =>
        CSharpSyntaxTree.ParseText(source.Text, ParseOptions, path: source.Path);

    /// <summary>A new compilation (nothing bound yet) over already parsed trees.</summary>
    public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees, bool executable) =>
        CSharpCompilation.Create(
            "Synthetic",
            trees,
            References,
            new CSharpCompilationOptions(
                executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release,
                concurrentBuild: false));

    /// <summary>The errors and warnings of <paramref name="compilation"/>, for a setup check that fails loudly.</summary>
    public static void EnsureClean(Microsoft.CodeAnalysis.Compilation compilation, string what)
    {
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Take(10).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{what} does not compile cleanly:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/ -> <dotnet root>
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var paths = new List<string>();
        foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
        {
            var referenceDirectory = LatestPackReferenceDirectory(Path.Combine(dotnetRoot, "packs", pack))
                ?? throw new InvalidOperationException($"The SDK's {pack} pack was not found under {dotnetRoot}/packs.");
            paths.AddRange(Directory.EnumerateFiles(referenceDirectory, "*.dll"));
        }
        paths.Add(typeof(TypedSessionBase).Assembly.Location);
        return [.. paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    private static string? LatestPackReferenceDirectory(string packDirectory)
    {
        if (!Directory.Exists(packDirectory))
        {
            return null;
        }
        var framework = "net" + Environment.Version.ToString(2);
        return Directory.EnumerateDirectories(packDirectory)
            .Select(versionDirectory => Path.Combine(versionDirectory, "ref", framework))
            .Where(Directory.Exists)
            .OrderByDescending(directory => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(directory))!).Split('-')[0], out var version) ? version : new Version())
            .FirstOrDefault();
    }
}
