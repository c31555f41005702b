using BenchmarkDotNet.Running;
using TypedSession.Benchmarks.Accessors;
using TypedSession.Benchmarks.Compilation;
using TypedSession.Benchmarks.DataProtection;
using TypedSession.Benchmarks.Interleaved;
using TypedSession.Benchmarks.Latency;

// `dotnet run -c Release --project tests/TypedSession.Benchmarks -- --filter '*'` runs every benchmark with
// BenchmarkDotNet; `-- interleaved accessors|json-tiers|request-cycle|cookie-unprotect|compilation [rounds]` runs the same classes interleaved (for a busy
// machine); `-- analyzer-telemetry [rounds] [sizes...]` prints the analyzers' share as the compiler's own telemetry reports it;
// `-- latency-proxy --listen P --target host:port --delay-ms 0.5 [--stats-port S]` runs the latency-injecting TCP proxy
// that e2e-latency.sh puts between the app and Redis.
switch (args)
{
    case ["latency-proxy", .. var rest]:
        Environment.ExitCode = await LatencyProxyCommand.RunAsync(rest, Console.Out);
        return;
    case ["analyzer-telemetry", .. var rest]:
        await AnalyzerTelemetryReport.RunAsync(
            Console.Out,
            Rounds(rest.Take(1).ToArray(), 5),
            rest.Length > 1 ? [.. rest.Skip(1).Select(int.Parse)] : [10, 100, 1000]);
        return;
    case ["interleaved", "accessors", .. var rest]:
        InterleavedRunner.Run(
            [typeof(StringAccessorBenchmarks), typeof(Int32AccessorBenchmarks), typeof(BooleanAccessorBenchmarks), typeof(RecordAccessorBenchmarks), typeof(RequestCycleBenchmarks)],
            InterleavedOptions.Accessors with { Rounds = Rounds(rest, InterleavedOptions.Accessors.Rounds) },
            Console.Out);
        return;
    case ["interleaved", "json-tiers", .. var rest]:
        // Each tier of the generated JSON codec against System.Text.Json alone, without a session around it.
        InterleavedRunner.Run(
            [typeof(JsonTierBenchmarks)],
            InterleavedOptions.Accessors with { Rounds = Rounds(rest, InterleavedOptions.Accessors.Rounds) },
            Console.Out);
        return;
    case ["interleaved", "request-cycle", .. var rest]:
        // The session's whole share of a request alone, for profiling the engine without the accessor categories.
        InterleavedRunner.Run(
            [typeof(RequestCycleBenchmarks)],
            InterleavedOptions.Accessors with { Rounds = Rounds(rest, InterleavedOptions.Accessors.Rounds) },
            Console.Out);
        return;
    case ["interleaved", "cookie-unprotect", .. var rest]:
        // The stock middleware's Data Protection unprotect of the session cookie against the session's share of a request.
        InterleavedRunner.Run(
            [typeof(SessionCookieUnprotectBenchmarks), typeof(RequestCycleBenchmarks)],
            InterleavedOptions.Accessors with { Rounds = Rounds(rest, InterleavedOptions.Accessors.Rounds) },
            Console.Out);
        return;
    case ["interleaved", "compilation", .. var rest]:
        InterleavedRunner.Run(
            // The analyzers' share comes from Roslyn's own telemetry (analyzer-telemetry), measured within each compile.
            [typeof(GeneratorBenchmarks)],
            InterleavedOptions.Compilation with { Rounds = Rounds(rest, InterleavedOptions.Compilation.Rounds) },
            Console.Out);
        return;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return;
}

static int Rounds(string[] rest, int fallback) =>
    rest is [var text] && int.TryParse(text, out var rounds) && rounds > 0 ? rounds : fallback;
