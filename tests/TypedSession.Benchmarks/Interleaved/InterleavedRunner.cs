using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace TypedSession.Benchmarks.Interleaved;

/// <summary>
/// Runs the same BenchmarkDotNet classes in one process with the benchmarks of each category interleaved: round after
/// round, every benchmark of the category runs one short slice, in a new random order each round. The medians of the
/// slices, and the median of the per-round ratios to the baseline, stay meaningful on a machine whose load changes by
/// the second (other builds, other tests), where BenchmarkDotNet's one-benchmark-after-another runs drift apart.
/// Results carry the cost of the delegate call subtracted, as BenchmarkDotNet subtracts its overhead.
/// </summary>
public static class InterleavedRunner
{
    private static volatile object? sink;

    /// <summary>Runs every benchmark of <paramref name="benchmarkTypes"/> and prints one Markdown table per type.</summary>
    public static void Run(IEnumerable<Type> benchmarkTypes, InterleavedOptions options, TextWriter output)
    {
        var overhead = OverheadNanoseconds();
        output.WriteLine($"Interleaved runs: {options.Rounds} rounds, slices of {options.Slice.TotalMilliseconds:F0} ms, delegate overhead {overhead:F2} ns subtracted; load average {LoadAverage()}.");
        foreach (var type in benchmarkTypes)
        {
            output.WriteLine();
            output.WriteLine($"#### {type.Name}");
            output.WriteLine();
            output.WriteLine("| category | params | method | median | ratio to baseline | allocated/op |");
            output.WriteLine("|---|---|---|---:|---:|---:|");
            foreach (var (label, instance) in Instances(type))
            {
                var benchmarks = Benchmarks(type, instance);
                foreach (var category in benchmarks.GroupBy(benchmark => benchmark.Category))
                {
                    foreach (var row in Measure([.. category], options, overhead))
                    {
                        output.WriteLine($"| {category.Key} | {label} | {row.Name} | {FormatTime(row.MedianNanoseconds)} | {row.Ratio:F2} | {row.AllocatedBytes} B |");
                    }
                }
                (instance as IDisposable)?.Dispose();
                output.Flush();
            }
        }
    }

    private static IEnumerable<(string Label, object Instance)> Instances(Type type)
    {
        var parameter = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SingleOrDefault(property => property.IsDefined(typeof(ParamsAttribute)) || property.IsDefined(typeof(ParamsAllValuesAttribute)));
        var values = parameter switch
        {
            null => [null],
            _ when parameter.GetCustomAttribute<ParamsAttribute>() is { } attribute => attribute.Values,
            _ => Enum.GetValues(parameter.PropertyType).Cast<object?>().ToArray(),
        };
        foreach (var value in values)
        {
            var instance = Activator.CreateInstance(type)!;
            parameter?.SetValue(instance, value);
            foreach (var setup in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(method => method.IsDefined(typeof(GlobalSetupAttribute))))
            {
                setup.Invoke(instance, null);
            }
            yield return (parameter is null ? "-" : $"{parameter.Name}={value}", instance);
        }
    }

    private static List<Benchmark> Benchmarks(Type type, object instance) =>
        [.. type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(method => method.IsDefined(typeof(BenchmarkAttribute)))
            .OrderBy(method => method.GetCustomAttribute<BenchmarkAttribute>()!.Baseline ? 0 : 1)
            .ThenBy(method => method.MetadataToken)
            .Select(method => new Benchmark(
                method.Name,
                method.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories.FirstOrDefault() ?? "-",
                method.GetCustomAttribute<BenchmarkAttribute>()!.Baseline,
                Invoker(method, instance)))];

    // A delegate bound to the benchmark method itself (never an expression that the JIT could inline and then drop),
    // called n times by a loop that keeps the last result alive.
    private static Func<int, object?> Invoker(MethodInfo method, object instance)
    {
        if (method.ReturnType == typeof(void))
        {
            var action = method.CreateDelegate<Action>(instance);
            return count =>
            {
                for (var i = 0; i < count; i++)
                {
                    action();
                }
                return null;
            };
        }
        if (typeof(Task).IsAssignableFrom(method.ReturnType))
        {
            // Asynchronous benchmarks: each call is waited for before the next, as BenchmarkDotNet does.
            var asynchronous = (Func<Task>)Delegate.CreateDelegate(typeof(Func<Task>), instance, method);
            return count =>
            {
                for (var i = 0; i < count; i++)
                {
                    asynchronous().GetAwaiter().GetResult();
                }
                return null;
            };
        }
        var loop = typeof(InterleavedRunner).GetMethod(nameof(Loop), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(method.ReturnType);
        var function = method.CreateDelegate(typeof(Func<>).MakeGenericType(method.ReturnType), instance);
        return count => loop.Invoke(null, [function, count]);
    }

    private static object? Loop<T>(Func<T> function, int count)
    {
        T last = default!;
        for (var i = 0; i < count; i++)
        {
            last = function();
        }
        return last;
    }

    private static List<Row> Measure(List<Benchmark> benchmarks, InterleavedOptions options, double overhead)
    {
        // Warm-up long enough for tiered compilation to settle, then a slice size per benchmark, whose last run also
        // gives the allocations per call.
        var counts = new Dictionary<Benchmark, int>();
        var allocated = new Dictionary<Benchmark, long>();
        foreach (var benchmark in benchmarks)
        {
            var warmUp = Stopwatch.StartNew();
            var calls = 0;
            while (warmUp.Elapsed < options.WarmUp || calls < options.MinWarmUpCalls)
            {
                sink = benchmark.Run(1);
                calls++;
            }
            (counts[benchmark], allocated[benchmark]) = Calibrate(benchmark, options.Slice);
        }

        var times = benchmarks.ToDictionary(benchmark => benchmark, _ => new List<double>());
        var ratios = benchmarks.ToDictionary(benchmark => benchmark, _ => new List<double>());
        var baseline = benchmarks.FirstOrDefault(benchmark => benchmark.IsBaseline) ?? benchmarks[0];
        var random = new Random(42);
        for (var round = 0; round < options.Rounds; round++)
        {
            var roundTimes = new Dictionary<Benchmark, double>();
            foreach (var benchmark in benchmarks.OrderBy(_ => random.Next()))
            {
                var stopwatch = Stopwatch.StartNew();
                sink = benchmark.Run(counts[benchmark]);
                var nanoseconds = Math.Max(0, stopwatch.Elapsed.TotalNanoseconds / counts[benchmark] - overhead);
                roundTimes[benchmark] = nanoseconds;
                times[benchmark].Add(nanoseconds);
            }
            foreach (var benchmark in benchmarks)
            {
                ratios[benchmark].Add(roundTimes[benchmark] / Math.Max(roundTimes[baseline], double.Epsilon));
            }
        }
        return [.. benchmarks.Select(benchmark => new Row(benchmark.Name, Median(times[benchmark]), Median(ratios[benchmark]), allocated[benchmark]))];
    }

    private static (int Count, long AllocatedPerCall) Calibrate(Benchmark benchmark, TimeSpan slice)
    {
        var count = 1;
        while (true)
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            sink = benchmark.Run(count);
            var elapsed = stopwatch.Elapsed;
            if (elapsed >= slice || count >= 1 << 26)
            {
                return (count, (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / count);
            }
            count *= elapsed.Ticks == 0 ? 16 : Math.Clamp((int)(slice.Ticks / elapsed.Ticks) + 1, 2, 16);
        }
    }

    private static double OverheadNanoseconds()
    {
        var empty = new Benchmark("Overhead", "-", IsBaseline: true, Invoker(typeof(OverheadProbe).GetMethod(nameof(OverheadProbe.Nothing))!, new OverheadProbe()));
        // Always in short slices: one timed call alone would measure the timer, not the call.
        var probe = new InterleavedOptions(50, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(200), 2);
        var row = Measure([empty], probe, overhead: 0).Single();
        return row.MedianNanoseconds;
    }


    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string FormatTime(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => $"{nanoseconds:F1} ns",
        < 1_000_000 => $"{nanoseconds / 1_000:F2} µs",
        < 1_000_000_000 => $"{nanoseconds / 1_000_000:F1} ms",
        _ => $"{nanoseconds / 1_000_000_000:F2} s",
    };

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    // Stands for a benchmark that does nothing: what the delegate call and the loop cost by themselves.
    private sealed class OverheadProbe
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public int Nothing() => 0;
    }

    private sealed record Benchmark(string Name, string Category, bool IsBaseline, Func<int, object?> Run);

    private sealed record Row(string Name, double MedianNanoseconds, double Ratio, long AllocatedBytes);
}
