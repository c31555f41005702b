using BenchmarkDotNet.Running;
using TypedSession.Benchmarks.Compilation;

// `dotnet run -c Release --project tests/TypedSession.Benchmarks -- --filter '*'` runs every benchmark;
// `-- analyzer-telemetry` prints the analyzers' share as the compiler's own telemetry reports it.
if (args is ["analyzer-telemetry"])
{
    await AnalyzerTelemetryReport.RunAsync(Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
