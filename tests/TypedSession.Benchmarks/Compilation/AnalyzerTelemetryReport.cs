using System.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSession.Benchmarks.Compilation;

/// <summary>
/// The analyzers' share measured the way the compiler reports it (<c>-p:ReportAnalyzer=true</c>): the execution time
/// Roslyn logs per analyzer (<see cref="CompilationWithAnalyzers.GetAnalyzerTelemetryInfoAsync"/>) against the time of
/// compiling and emitting the same project without analyzers. Run with <c>-- analyzer-telemetry</c>.
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
        output.WriteLine("| session classes | compile + emit (median ms) | analyzers' execution time (median ms) | share | slowest analyzer | analyzer diagnostics |");
        output.WriteLine("|---:|---:|---:|---:|---|---:|");
        var breakdown = new List<string>();
        foreach (var sessionClasses in sizes)
        {
            var project = AnalyzedProject.Create(sessionClasses);
            var compileTimes = new List<double>();
            var analyzerTimes = new List<double>();
            var perAnalyzer = new Dictionary<string, List<double>>();
            var reported = "0";
            for (var round = 0; round <= rounds; round++)
            {
                var stopwatch = Stopwatch.StartNew();
                using (var assembly = new MemoryStream())
                {
                    project.CreateCompilation().Emit(assembly);
                }
                var compileTime = stopwatch.Elapsed.TotalMilliseconds;

                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
                var withAnalyzers = project.CreateCompilation().WithAnalyzers(analyzers, options);
                // The synthetic project is correct code: any diagnostic here is a false positive worth a look.
                var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
                reported = diagnostics.IsEmpty ? "0" : $"{diagnostics.Length} ({string.Join(", ", diagnostics.Select(d => d.Id).Distinct())})";
                var total = 0.0;
                foreach (var analyzer in analyzers)
                {
                    var time = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
                    total += time;
                    if (round > 0)
                    {
                        (perAnalyzer.TryGetValue(analyzer.GetType().Name, out var times) ? times : perAnalyzer[analyzer.GetType().Name] = []).Add(time);
                    }
                }
                if (round == 0)
                {
                    continue; // warm-up: JIT and metadata loading
                }
                compileTimes.Add(compileTime);
                analyzerTimes.Add(total);
            }
            var compile = Median(compileTimes);
            var analysis = Median(analyzerTimes);
            var slowest = perAnalyzer.OrderByDescending(entry => Median(entry.Value)).First();
            output.WriteLine($"| {sessionClasses} | {compile:F1} | {analysis:F2} | {analysis / compile:P1} | {slowest.Key} ({Median(slowest.Value):F2} ms) | {reported} |");
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

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
