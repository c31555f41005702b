using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSession.Generator;

namespace TypedSession.Tests.Generator;

/// <summary>
/// Builds in-memory compilations of test sources against the running process's own assemblies (no download, no
/// reference packs) and runs <see cref="SessionGenerator"/> over them.
/// </summary>
internal static class GeneratorTestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>
    /// Compiles <paramref name="sources"/> (with implicit usings for System and TypedSession) into a library against
    /// the runtime, whose <c>TypedSession.Generated.SessionBinding</c> the generated <c>BindAsync</c> calls.
    /// </summary>
    public static CSharpCompilation Create(params string[] sources)
    {
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")).ToList();
        return CSharpCompilation.Create(
            "SessionTests" + Guid.NewGuid().ToString("N"),
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>A driver that tracks its steps, so tests can assert which were cached.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new SessionGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// System.Text.Json's source generator from the SDK's own reference pack (no download), so that tests of complex
    /// properties compile the way a real project does: both generators see the same input compilation.
    /// </summary>
    public static ISourceGenerator SystemTextJsonGenerator => LazyJsonGenerator.Value;

    private static readonly Lazy<ISourceGenerator> LazyJsonGenerator = new(() =>
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var path = Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"))
            .Select(pack => Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"))
            .Where(File.Exists)
            .OrderByDescending(candidate => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(candidate))))), out var version) ? version : new Version())
            .First();
        return new Microsoft.CodeAnalysis.Diagnostics.AnalyzerFileReference(path, new AnalyzerLoader())
            .GetGeneratorsForAllLanguages()
            .Single(generator => generator.GetGeneratorType().Name == "JsonSourceGenerator");
    });

    /// <summary>Runs this generator and System.Text.Json's, and returns the output compilation.</summary>
    public static Compilation RunWithSystemTextJson(Compilation compilation)
    {
        CSharpGeneratorDriver.Create([new SessionGenerator().AsSourceGenerator(), SystemTextJsonGenerator], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        return output;
    }

    private sealed class AnalyzerLoader : Microsoft.CodeAnalysis.IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    /// <summary>Runs the generator once and returns the output compilation and the run's result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        return (output, driver.GetRunResult());
    }

    /// <summary>Runs the generator and returns the generated sources by hint name.</summary>
    public static IReadOnlyDictionary<string, string> Generate(params string[] sources)
    {
        var (_, result) = Run(Create(sources));
        return result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
    }

    /// <summary>Errors and warnings of <paramref name="compilation"/>, formatted for an assertion message.</summary>
    public static string[] Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();

    /// <summary>
    /// Runs the generator, asserts the result compiles without warnings, and loads it into a collectible context
    /// that shares the runtime assembly with the tests.
    /// </summary>
    public static Assembly CompileAndLoad(params string[] sources)
    {
        var (output, _) = Run(Create(sources));
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        Assert.Empty(Problems(output));
        stream.Position = 0;
        return new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .ToHashSet(StringComparer.Ordinal);
        paths.Add(typeof(TypedSessionBase).Assembly.Location);
        paths.Add(typeof(GeneratorTestCompilation).Assembly.Location);
        return [.. paths.Select(path => MetadataReference.CreateFromFile(path))];
    }
}
