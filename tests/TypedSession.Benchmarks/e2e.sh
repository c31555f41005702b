#!/usr/bin/env bash
# End-to-end throughput: the sample app in Release on 127.0.0.1, driven by wrk, TypedSession against the stock
# session, with the in-memory store and with Redis (a redis-server of its own on a free port).
#
# Each case is an endpoint of samples/TypedSession.Sample/BenchmarkEndpoints.cs that reads three session values and
# writes one: /bench/typed (TypedSession: engine + generated properties), /bench/stock (stock DistributedSession +
# hand-written GetString/GetInt32/SetInt32) and /bench/handwritten (the hand-written code over TypedSession's engine).
# Two load shapes: every request on one session (one cookie), and requests spread over many sessions (a wrk Lua
# script cycling through SESSIONS cookies). Cases alternate within each round; the table shows the median of ROUNDS,
# with the app process's CPU time per request (from /proc/<pid>/stat), which other load on the machine moves far less
# than requests/s.
#
# Usage: tests/TypedSession.Benchmarks/e2e.sh [memory] [redis]      (both by default)
# Tunables (environment): DURATION=10s WARMUP=3s THREADS=2 CONNECTIONS=32 ROUNDS=3 SESSIONS=500 OUT=<file.md>
set -euo pipefail

# shellcheck source=e2e-common.sh
. "$(dirname "$0")/e2e-common.sh"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
ROUNDS="${ROUNDS:-3}"
SESSIONS="${SESSIONS:-500}"
stores=("$@")
[ ${#stores[@]} -gt 0 ] || stores=(memory redis)
OUT="${OUT:-$root/artifacts/benchmarks/e2e-$(date -u +%Y%m%dT%H%M%SZ).md}"
work="$(mktemp -d)"
trap e2e_cleanup EXIT

start_session() { # variant -> prints "name=value" of the session cookie
  cookie_from "$base/bench/$1/start"
}

# Runs wrk once and prints "requests_per_second p99_ms cpu_us_per_request". The app's CPU time per request does not
# depend on how much CPU the machine's other work leaves the app, which moves requests/s by +-20 % between runs here.
drive() { # variant shape duration
  local variant="$1" shape="$2" duration="$3" output cpu_before cpu_after
  cpu_before="$(app_cpu_ticks)"
  if [ "$shape" = one ]; then
    output="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency \
      -H "Cookie: $(cat "$work/$variant.cookie")" "$base/bench/$variant")"
  else
    output="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$here/many-sessions.lua" \
      "$base/bench/$variant" -- "$work/$variant.cookies")"
  fi
  cpu_after="$(app_cpu_ticks)"
  if grep -q "Non-2xx" <<<"$output"; then
    echo "wrk saw non-2xx answers for $variant ($shape):" >&2
    echo "$output" >&2
    exit 1
  fi
  wrk_summary <<<"$output" | awk -v ticks="$((cpu_after - cpu_before))" -v hz="$(getconf CLK_TCK)" '
    { printf "%s %s %.1f\n", $1, $3, ticks * 1000000 / hz / $4 }'
}

install_missing
build_sample

mkdir -p "$(dirname "$OUT")"
variants=(stock typed handwritten)
{
  echo "### End-to-end: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up), median of $ROUNDS rounds; many sessions = $SESSIONS cookies."
  echo
  echo "| store | sessions | variant | requests/s | p99 (ms) | requests/s vs stock | app CPU per request (µs) | CPU vs stock |"
  echo "|---|---|---|---:|---:|---:|---:|---:|"
} >"$work/table.md"

for store in "${stores[@]}"; do
  case "$store" in
    memory) ;;
    redis) start_redis ;;
    *) echo "Unknown store '$store': use memory or redis." >&2; exit 1 ;;
  esac
  start_app "$store"
  echo "== $store: sample on $base"

  for variant in "${variants[@]}"; do
    start_session "$variant" >"$work/$variant.cookie"
    [ -s "$work/$variant.cookie" ] || { echo "No session cookie from /bench/$variant/start" >&2; exit 1; }
    : >"$work/$variant.cookies"
    for _ in $(seq 1 "$SESSIONS"); do start_session "$variant" >>"$work/$variant.cookies"; done
  done

  for shape in one many; do
    for variant in "${variants[@]}"; do drive "$variant" "$shape" "$WARMUP" >/dev/null; done
    for round in $(seq 1 "$ROUNDS"); do
      # Alternate the order between rounds so that drift in the machine's load does not favour one variant.
      order=("${variants[@]}")
      [ $((round % 2)) -eq 0 ] && order=(handwritten typed stock)
      for variant in "${order[@]}"; do
        result="$(drive "$variant" "$shape" "$DURATION")"
        echo "   $store $shape-session round $round $variant: $result"
        echo "$result" >>"$work/$store-$shape-$variant.results"
      done
    done
    stock_rps="$(cut -d' ' -f1 "$work/$store-$shape-stock.results" | median)"
    stock_cpu="$(cut -d' ' -f3 "$work/$store-$shape-stock.results" | median)"
    for variant in "${variants[@]}"; do
      rps="$(cut -d' ' -f1 "$work/$store-$shape-$variant.results" | median)"
      p99="$(cut -d' ' -f2 "$work/$store-$shape-$variant.results" | median)"
      cpu="$(cut -d' ' -f3 "$work/$store-$shape-$variant.results" | median)"
      ratio="$(awk -v a="$rps" -v b="$stock_rps" 'BEGIN { printf "%.3f", a / b }')"
      cpu_ratio="$(awk -v a="$cpu" -v b="$stock_cpu" 'BEGIN { printf "%.3f", a / b }')"
      label="$([ "$shape" = one ] && echo "one" || echo "$SESSIONS")"
      echo "| $store | $label | $variant | $rps | $p99 | $ratio | $cpu | $cpu_ratio |" >>"$work/table.md"
    done
  done

  stop_app
  stop_redis
done

cp "$work/table.md" "$OUT"
echo
cat "$OUT"
echo
echo "Written to $OUT"
