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

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/tests/TypedSession.Benchmarks"
sample="$root/samples/TypedSession.Sample"
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
app_pid=""
redis_port=""

cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [ -n "$redis_port" ] && redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

install_missing() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing ${missing[*]}: run as root, or install them with apt-get." >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() { # url
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "Nothing answered at $1" >&2
  return 1
}

start_redis() {
  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --pidfile "$work/redis.pid" \
    --logfile "$work/redis.log" --dir "$work" --save "" --appendonly no
  for _ in $(seq 1 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "redis-server did not start" >&2
  exit 1
}

start_app() { # store
  local port args=()
  port="$(free_port)"
  args=(--urls "http://127.0.0.1:$port" --store "$1"
        --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning)
  [ "$1" = redis ] && args+=(--redis "127.0.0.1:$redis_port")
  # Run from the sample's folder: its content root. Production environment, as deployed.
  (cd "$sample" && exec dotnet bin/Release/net10.0/TypedSession.Sample.dll "${args[@]}" >"$work/app.log" 2>&1) &
  app_pid=$!
  base="http://127.0.0.1:$port"
  wait_for "$base/" || { cat "$work/app.log" >&2; exit 1; }
}

stop_app() {
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

start_session() { # variant -> prints "name=value" of the session cookie
  curl -s -D - -o /dev/null "$base/bench/$1/start" | tr -d '\r' \
    | sed -n -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/p' | head -n 1
}

# CPU time the app process has used so far, in clock ticks (user + system).
app_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }

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
  awk -v ticks="$((cpu_after - cpu_before))" -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    / requests in / { requests = $1 }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.1f\n", rps, p99, ticks * 1000000 / hz / requests }' <<<"$output"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

install_missing
echo "Building the sample (Release) ..."
dotnet build "$sample" -c Release -nologo -v:quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

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
  if [ "$store" = redis ]; then
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    redis_port=""
  fi
done

cp "$work/table.md" "$OUT"
echo
cat "$OUT"
echo
echo "Written to $OUT"
