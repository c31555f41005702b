using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSession.Generator.Analyzers.Declarations;
using TypedSession.Tests.Generator;

namespace TypedSession.Tests.Analyzers.Declarations;

/// <summary>
/// SESS004 across classes when Roslyn analyzes the session classes on several threads at once, as a build does: the
/// shared inspections and the key index must give each clashing property one diagnostic, the same as a sequential run.
/// </summary>
public class SessionKeyClashConcurrencyTests
{
    private const int ClassCount = 24;

    [Fact]
    public async Task Clashes_across_many_files_are_reported_once_per_property_under_concurrent_analysis()
    {
        // Even classes store "Shared" as a string, odd ones as an int; every class also has a key of its own.
        var sources = Enumerable.Range(0, ClassCount).Select(i => $$"""
            using TypedSession;

            namespace App;

            [Session]
            public partial class Session{{i}}
            {
                public partial {{(i % 2 == 0 ? "string?" : "int")}} Shared { get; set; }
                public partial string? Own{{i}} { get; set; }
            }
            """).ToArray();
        var (compilation, _) = GeneratorTestCompilation.Run(GeneratorTestCompilation.Create(sources));

        var sequential = await AnalyzeAsync(compilation.Clone(), concurrent: false);

        Assert.Equal(ClassCount, sequential.Length);
        for (var i = 0; i < ClassCount; i++)
        {
            var other = i % 2 == 0 ? "Session1" : "Session0";
            Assert.Single(sequential, line => line == $"SESS004 Source{i}.cs(8,{(i % 2 == 0 ? 28 : 24)}): " +
                $"The property 'Shared' uses the session key 'Shared', which '{other}.Shared' with another type already uses");
        }

        // Each round gets a fresh compilation, so that binding happens on the analyzer threads too.
        for (var round = 0; round < 4; round++)
        {
            Assert.Equal(sequential, await AnalyzeAsync(compilation.Clone(), concurrent: true));
        }
    }

    private static async Task<string[]> AnalyzeAsync(Compilation compilation, bool concurrent)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: concurrent, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SessionDeclarationAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        return diagnostics
            .Select(diagnostic =>
            {
                var span = diagnostic.Location.GetLineSpan();
                return $"{diagnostic.Id} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.GetMessage()}";
            })
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
