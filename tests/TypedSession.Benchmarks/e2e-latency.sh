#!/usr/bin/env bash
# End-to-end latency with a networked Redis: the sample app in Release on 127.0.0.1, its Redis behind the latency
# proxy (tests/TypedSession.Benchmarks/Latency: a fixed one-way delay per chunk, since this kernel has no netem),
# TypedSession's Redis store against the stock session over AddStackExchangeRedisCache, driven by wrk.
#
# Endpoints (samples/TypedSession.Sample/BenchmarkEndpoints.cs), each over SESSIONS sessions (many-sessions.lua):
# writing (/bench/{variant}: reads three values, writes one), read-only (/bench/{variant}/read) and untouched
# (/bench/{variant}/untouched: the session middleware runs, the handler never uses the session). For each one-way
# delay, the cases alternate within each round at a fixed concurrency and the table gives the median of ROUNDS:
# p50/p99 latency and requests/s from wrk --latency, the app's CPU time per request, and then, from one request at a
# time (wrk -c1 for RT_DURATION), the round trips per request that the proxy counted and that run's p50.
#
# Usage: tests/TypedSession.Benchmarks/e2e-latency.sh [one-way delay in ms ...]      (0.5 and 2 by default)
# Tunables (environment): DURATION=10s WARMUP=3s THREADS=2 CONNECTIONS=8 ROUNDS=3 SESSIONS=200 RT_DURATION=4s
#                         OUT=<file.md>
set -euo pipefail

# shellcheck source=e2e-common.sh
. "$(dirname "$0")/e2e-common.sh"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-8}"
ROUNDS="${ROUNDS:-3}"
SESSIONS="${SESSIONS:-200}"
RT_DURATION="${RT_DURATION:-4s}"
delays=("$@")
[ ${#delays[@]} -gt 0 ] || delays=(0.5 2)
OUT="${OUT:-$root/artifacts/benchmarks/e2e-latency-$(date -u +%Y%m%dT%H%M%SZ).md}"
work="$(mktemp -d)"
trap e2e_cleanup EXIT

variants=(stock typed)
endpoints=(writing read-only untouched)

path_of() { # variant endpoint
  case "$2" in
    writing) echo "/bench/$1" ;;
    read-only) echo "/bench/$1/read" ;;
    untouched) echo "/bench/$1/untouched" ;;
  esac
}

# Runs wrk over the variant's sessions; prints "rps p50 p99 requests non2xx cpu_us_per_request".
drive() { # variant endpoint duration connections threads
  local output cpu_before cpu_after
  cpu_before="$(app_cpu_ticks)"
  output="$(wrk -t"$5" -c"$4" -d"$3" --latency -s "$here/many-sessions.lua" "$base$(path_of "$1" "$2")" -- "$work/$1.cookies")"
  cpu_after="$(app_cpu_ticks)"
  if grep -q "Non-2xx" <<<"$output"; then
    echo "wrk saw non-2xx answers for $1 $2:" >&2
    echo "$output" >&2
    exit 1
  fi
  wrk_summary <<<"$output" | awk -v ticks="$((cpu_after - cpu_before))" -v hz="$(getconf CLK_TCK)" '
    { printf "%s %s %s %s %s %.1f\n", $1, $2, $3, $4, $5, ticks * 1000000 / hz / $4 }'
}

# One request at a time: the proxy's round-trip count divided by the requests is the round trips per request.
count_round_trips() { # variant endpoint -> "round_trips_per_request p50_ms"
  local before after summary
  before="$(proxy_round_trips)"
  summary="$(drive "$1" "$2" "$RT_DURATION" 1 1)"
  after="$(proxy_round_trips)"
  awk -v rt="$((after - before))" '{ printf "%.2f %s\n", rt / $4, $2 }' <<<"$summary"
}

install_missing
build_sample
build_benchmarks
start_redis

mkdir -p "$(dirname "$OUT")"
{
  echo "### End-to-end latency, Redis behind the latency proxy: $(date -u +%Y-%m-%dT%H:%MZ), $(machine_line) before the run"
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up) over $SESSIONS sessions, median of $ROUNDS rounds;"
  echo "round trips per request and the c=1 p50 from wrk -t1 -c1 -d$RT_DURATION, counted by the proxy."
  echo
  echo "| one-way delay (measured Redis RTT p50) | endpoint | variant | p50 (ms) | p99 (ms) | requests/s | p50 vs stock | requests/s vs stock | app CPU per request (µs) | CPU vs stock | round trips per request | p50 at c=1 (ms) | p50 at c=1 vs stock |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$work/table.md"

for delay in "${delays[@]}"; do
  start_proxy "$delay"
  # The Redis round trip as a client sees it through the proxy (one PING at a time): the delay twice, plus what the
  # proxy and a busy machine add.
  rtt="$(redis-benchmark -p "$proxy_port" -c 1 -n 500 -t ping_inline -q 2>/dev/null | tr '\r' '\n' \
    | sed -n -E 's/.*p50=([0-9.]+) msec.*/\1/p' | tail -n 1)"
  REDIS_ADDRESS="127.0.0.1:$proxy_port" start_app redis
  echo "== one-way delay $delay ms (Redis RTT p50 $rtt ms): sample on $base, $(machine_line)"
  for variant in "${variants[@]}"; do
    : >"$work/$variant.cookies"
    for _ in $(seq 1 "$SESSIONS"); do cookie_from "$base/bench/$variant/start" >>"$work/$variant.cookies"; done
    [ -s "$work/$variant.cookies" ] || { echo "No session cookie from /bench/$variant/start" >&2; exit 1; }
  done

  for endpoint in "${endpoints[@]}"; do
    for variant in "${variants[@]}"; do drive "$variant" "$endpoint" "$WARMUP" "$CONNECTIONS" "$THREADS" >/dev/null; done
    for round in $(seq 1 "$ROUNDS"); do
      # Alternate the order between rounds so that drift in the machine's load does not favour one variant.
      order=(stock typed)
      [ $((round % 2)) -eq 0 ] && order=(typed stock)
      for variant in "${order[@]}"; do
        result="$(drive "$variant" "$endpoint" "$DURATION" "$CONNECTIONS" "$THREADS")"
        echo "   $delay ms $endpoint round $round $variant: $result"
        echo "$result" >>"$work/$delay-$endpoint-$variant.results"
      done
    done
    for variant in "${variants[@]}"; do
      count_round_trips "$variant" "$endpoint" >"$work/$delay-$endpoint-$variant.rt"
      echo "   $delay ms $endpoint $variant, one request at a time: $(cat "$work/$delay-$endpoint-$variant.rt") (round trips/request, p50 ms)"
    done

    column() { cut -d' ' -f"$1" "$work/$delay-$endpoint-$2.results" | median; }
    stock_p50="$(column 2 stock)"
    stock_rps="$(column 1 stock)"
    stock_cpu="$(column 6 stock)"
    stock_c1="$(cut -d' ' -f2 "$work/$delay-$endpoint-stock.rt")"
    for variant in "${variants[@]}"; do
      p50="$(column 2 "$variant")"
      p99="$(column 3 "$variant")"
      rps="$(column 1 "$variant")"
      cpu="$(column 6 "$variant")"
      read -r round_trips c1 <"$work/$delay-$endpoint-$variant.rt"
      echo "| $delay ms ($rtt ms) | $endpoint | $variant | $p50 | $p99 | $rps | $(ratio "$p50" "$stock_p50") | $(ratio "$rps" "$stock_rps") | $cpu | $(ratio "$cpu" "$stock_cpu") | $round_trips | $c1 | $(ratio "$c1" "$stock_c1") |" >>"$work/table.md"
    done
  done

  stop_app
  stop_proxy
done

cp "$work/table.md" "$OUT"
echo
cat "$OUT"
echo
echo "Written to $OUT"
