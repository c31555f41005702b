using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSession.Generator;
using TypedSession.Generator.Analyzers.Schema;
using TypedSession.Generator.Schema;
using TypedSession.Tests.Generator;

namespace TypedSession.Tests.Schema;

/// <summary>
/// One release followed by the next, in one process: the "old" sources are compiled and their schema shipped (as the
/// ship code fix writes it), then the "new" sources are compiled with that file as an AdditionalFile, so that the
/// generator sees the shipped schema and the schema analyzer compares with it. Both assemblies load side by side
/// and drive the same <see cref="Microsoft.AspNetCore.Http.ISession"/>, as two deploys share one store.
/// </summary>
internal sealed class SchemaDeploy
{
    private SchemaDeploy(Assembly old, Assembly current, string shippedSchema, ImmutableArray<Diagnostic> diagnostics)
    {
        Old = old;
        New = current;
        ShippedSchema = shippedSchema;
        Diagnostics = diagnostics;
    }

    /// <summary>The assembly of the shipped release.</summary>
    public Assembly Old { get; }

    /// <summary>The assembly of the release about to be deployed.</summary>
    public Assembly New { get; }

    /// <summary>The schema file the shipped release wrote.</summary>
    public string ShippedSchema { get; }

    /// <summary>What the schema analyzer reports on the new release (SESS040-SESS042), ordered by id.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The ids of <see cref="Diagnostics"/>.</summary>
    public string[] DiagnosticIds => Diagnostics.Select(diagnostic => diagnostic.Id).ToArray();

    /// <summary>Ships <paramref name="oldSource"/>'s schema and builds <paramref name="newSource"/> against it.</summary>
    public static SchemaDeploy Of(string oldSource, string newSource)
    {
        var oldCompilation = Build(oldSource, additionalTexts: []);
        var shipped = CurrentSessionSchema.Of(oldCompilation, CancellationToken.None).Write();
        var file = new SchemaFileText(shipped);
        var newCompilation = Build(newSource, [file]);
        return new SchemaDeploy(Load(oldCompilation), Load(newCompilation), shipped, Analyze(newCompilation, file));
    }

    /// <summary>The schema analyzer's diagnostics on <paramref name="compilation"/> with <paramref name="file"/> shipped.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, AdditionalText file)
    {
        var options = new AnalyzerOptions([file]);
        return compilation
            .WithAnalyzers([new SessionSchemaAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
            .OrderBy(diagnostic => diagnostic.Id, StringComparer.Ordinal)
            .ThenBy(diagnostic => diagnostic.GetMessage(), StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>Compiles <paramref name="source"/> with both generators (TypedSession's sees <paramref name="additionalTexts"/>).</summary>
    public static Compilation Build(string source, ImmutableArray<AdditionalText> additionalTexts)
    {
        var compilation = GeneratorTestCompilation.Create(source);
        CSharpGeneratorDriver.Create(
                [new SessionGenerator().AsSourceGenerator(), GeneratorTestCompilation.SystemTextJsonGenerator],
                additionalTexts,
                GeneratorTestCompilation.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Empty(GeneratorTestCompilation.Problems(output));
        return output;
    }

    /// <summary>Creates the session class <paramref name="typeName"/> of <paramref name="assembly"/> over <paramref name="session"/>.</summary>
    public static GeneratedSession Session(Assembly assembly, Microsoft.AspNetCore.Http.ISession session, string typeName = "Shop.CartSession") =>
        new(assembly, typeName, session);

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("schema-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }
}
