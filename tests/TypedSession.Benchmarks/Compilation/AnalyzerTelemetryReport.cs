using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSession.Benchmarks.Compilation;

/// <summary>
/// The analyzers' share measured the way the compiler reports it (<c>-p:ReportAnalyzer=true</c>): the execution time
/// Roslyn logs per analyzer (<see cref="CompilationWithAnalyzers.GetAnalyzerTelemetryInfoAsync"/>) against the time of
/// compiling and emitting the same project without analyzers. Run with <c>-- analyzer-telemetry</c>.
/// Two figures per size: the analyzers over a fresh compilation, where whichever analyzer looks a type up first also
/// pays for loading the referenced assemblies, and over the compilation that was just emitted, whose references the
/// compiler has loaded, as in a build, where the compiler and the analyzers share one compilation.
/// </summary>
public static class AnalyzerTelemetryReport
{
    /// <summary>Measures each project size <paramref name="rounds"/> times (after one warm-up) and prints a Markdown table of medians.</summary>
    public static async Task RunAsync(TextWriter output, int rounds, IReadOnlyList<int> sizes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var analyzers = TypedSessionAnalyzers.CreateAll();
        output.WriteLine($"Analyzers ({analyzers.Length}): {string.Join(", ", analyzers.Select(a => a.GetType().Name))}");
        if (analyzers.IsEmpty)
        {
            output.WriteLine("No analyzer found in TypedSession.Generator; nothing to measure.");
            return;
        }
        output.WriteLine();
        output.WriteLine("| session classes | compile + emit (median ms) | analyzers, fresh compilation (median ms) | share | analyzers, compilation shared with the build (median ms) | share | slowest analyzer (shared) | analyzer diagnostics |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---|---:|");
        var breakdown = new List<string>();
        foreach (var sessionClasses in sizes)
        {
            var project = AnalyzedProject.Create(sessionClasses);
            var compileTimes = new List<double>();
            var freshTimes = new List<double>();
            var analyzerTimes = new List<double>();
            var perAnalyzer = new Dictionary<string, List<double>>();
            var reported = "0";
            for (var round = 0; round <= rounds; round++)
            {
                var stopwatch = Stopwatch.StartNew();
                var emitted = project.CreateCompilation();
                using (var assembly = new MemoryStream())
                {
                    emitted.Emit(assembly);
                }
                var compileTime = stopwatch.Elapsed.TotalMilliseconds;

                var fresh = await AnalyzeAsync(project.CreateCompilation(), analyzers, perAnalyzer: null).ConfigureAwait(false);
                var shared = await AnalyzeAsync(emitted, analyzers, round > 0 ? perAnalyzer : null).ConfigureAwait(false);
                // The synthetic project is correct code: any diagnostic here is a false positive worth a look.
                reported = shared.Diagnostics.IsEmpty ? "0" : $"{shared.Diagnostics.Length} ({string.Join(", ", shared.Diagnostics.Select(d => d.Id).Distinct())})";
                if (round == 0)
                {
                    continue; // warm-up: JIT and metadata loading
                }
                compileTimes.Add(compileTime);
                freshTimes.Add(fresh.Milliseconds);
                analyzerTimes.Add(shared.Milliseconds);
            }
            var compile = Median(compileTimes);
            var freshAnalysis = Median(freshTimes);
            var analysis = Median(analyzerTimes);
            var slowest = perAnalyzer.OrderByDescending(entry => Median(entry.Value)).First();
            output.WriteLine($"| {sessionClasses} | {compile:F1} | {freshAnalysis:F2} | {freshAnalysis / compile:P1} | {analysis:F2} | {analysis / compile:P1} | {slowest.Key} ({Median(slowest.Value):F2} ms) | {reported} |");
            breakdown.Add($"| {sessionClasses} | " + string.Join(" | ", analyzers.Select(a => $"{Median(perAnalyzer[a.GetType().Name]):F2}")) + " |");
        }

        // Each analyzer's own median, to show where the share goes.
        output.WriteLine();
        output.WriteLine("| session classes | " + string.Join(" | ", analyzers.Select(a => a.GetType().Name + " (ms)")) + " |");
        output.WriteLine("|---:|" + string.Concat(analyzers.Select(_ => "---:|")));
        foreach (var row in breakdown)
        {
            output.WriteLine(row);
        }
    }

    // Runs every analyzer over compilation and returns their summed execution time as Roslyn logs it.
    private static async Task<(double Milliseconds, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(
        Microsoft.CodeAnalysis.Compilation compilation,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        Dictionary<string, List<double>>? perAnalyzer)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        var total = 0.0;
        foreach (var analyzer in analyzers)
        {
            var time = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
            total += time;
            if (perAnalyzer is not null)
            {
                (perAnalyzer.TryGetValue(analyzer.GetType().Name, out var times) ? times : perAnalyzer[analyzer.GetType().Name] = []).Add(time);
            }
        }
        return (total, diagnostics);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
