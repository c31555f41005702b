using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSession.Benchmarks.Compilation;

/// <summary>
/// What TypedSession's analyzers add to a build: the compiler's diagnostics of the whole project (every method
/// body bound) without analyzers, against the same with every analyzer of the generator assembly attached. Emit is
/// left out of both, so the ratio overstates the analyzers' share of a real build rather than understating it.
/// </summary>
[MemoryDiagnoser]
[HideColumns("Job", "Error", "RatioSD", "Alloc Ratio")]
public class AnalyzerBenchmarks
{
    private AnalyzedProject project = null!;
    private ImmutableArray<DiagnosticAnalyzer> analyzers;

    /// <summary>Number of session classes (ten properties each) in the project.</summary>
    [Params(10, 100, 1000)]
    public int SessionClasses { get; set; }

    /// <summary>Builds the project and finds the analyzers.</summary>
    [GlobalSetup]
    public void BuildProject()
    {
        project = AnalyzedProject.Create(SessionClasses);
        analyzers = TypedSessionAnalyzers.CreateAll();
        Console.WriteLine($"// Analyzers measured ({analyzers.Length}): {string.Join(", ", analyzers.Select(a => a.GetType().Name))}");
    }

    /// <summary>The compiler alone.</summary>
    [Benchmark(Baseline = true)]
    public int CompileWithoutAnalyzers() => project.CreateCompilation().GetDiagnostics().Length;

    /// <summary>The compiler with every TypedSession analyzer.</summary>
    [Benchmark]
    public int CompileWithAnalyzers()
    {
        var compilation = project.CreateCompilation();
        if (analyzers.IsEmpty)
        {
            return compilation.GetDiagnostics().Length;
        }
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        return compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;
    }
}
