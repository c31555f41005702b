#!/usr/bin/env bash
# Runs every TypedSession benchmark and collects the results under artifacts/benchmarks/:
#   1. accessor benchmarks (BenchmarkDotNet in-process, 10 iterations of 200 ms after 3 warm-ups): TypedSession vs
#      stock vs reflection JSON vs raw bytes, over the stock session and over TypedSession's engine;
#   2. generator and analyzer cost over synthetic projects (BenchmarkDotNet out of process, short job: each operation
#      takes milliseconds to seconds, so three measured iterations are enough);
#   3. the analyzers' share as Roslyn's own telemetry reports it;
#   4. the end-to-end wrk runs (e2e.sh), memory and Redis;
#   5. the accessor and generator benchmarks again, interleaved in one process (medians of many short alternating
#      slices), the numbers to trust when other work loads the machine.
# Usage: tests/TypedSession.Benchmarks/run-all.sh [accessors] [compilation] [telemetry] [e2e] [interleaved]
#        (all by default)
# Extra BenchmarkDotNet arguments go in BDN_ARGS, e.g. BDN_ARGS="--job short" for a quick look.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
project="$root/tests/TypedSession.Benchmarks"
results="$root/artifacts/benchmarks"
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(accessors compilation telemetry e2e interleaved)
read -r -a bdn_args <<<"${BDN_ARGS:-}"

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$results"
dotnet build "$project" -c Release -nologo -v:quiet
bench=(dotnet "$project/bin/Release/net10.0/TypedSession.Benchmarks.dll")
# BenchmarkDotNet finds the project to build its out-of-process runner from the working directory.
cd "$project"

for part in "${parts[@]}"; do
  case "$part" in
    accessors)
      "${bench[@]}" --filter '*AccessorBenchmarks*' --inProcess --warmupCount 3 --iterationCount 10 --iterationTime 200 \
        --artifacts "$results/accessors" --exporters github "${bdn_args[@]}"
      ;;
    compilation)
      "${bench[@]}" --filter '*GeneratorBenchmarks*' '*AnalyzerBenchmarks*' --job short --artifacts "$results/compilation" \
        --exporters github "${bdn_args[@]}"
      ;;
    telemetry)
      "${bench[@]}" analyzer-telemetry | tee "$results/analyzer-telemetry.md"
      ;;
    e2e)
      OUT="$results/e2e.md" bash "$project/e2e.sh"
      ;;
    interleaved)
      "${bench[@]}" interleaved accessors | tee "$results/interleaved-accessors.md"
      "${bench[@]}" interleaved compilation | tee "$results/interleaved-compilation.md"
      ;;
    *)
      echo "Unknown part '$part': use accessors, compilation, telemetry, e2e or interleaved." >&2
      exit 1
      ;;
  esac
done

echo "Results: $results (BenchmarkDotNet tables in */results/*-report-github.md)"
