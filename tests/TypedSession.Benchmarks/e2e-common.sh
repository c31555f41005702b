# Shared by e2e.sh, e2e-latency.sh and soak.sh (sourced, not run): tools, free ports, the sample app, redis-server,
# the latency proxy and wrk's output. Each script sets `work` (a scratch folder) before calling these and calls
# e2e_cleanup from its EXIT trap.
#
# State the functions share with the scripts: app_pid and base (the running app), redis_port (the script's own
# redis-server), proxy_pid and proxy_stats (the latency proxy and its counters' URL).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tests/TypedSession.Benchmarks"
sample="$root/samples/TypedSession.Sample"
app_pid=""
base=""
redis_port=""
proxy_pid=""
proxy_stats=""

e2e_cleanup() {
  stop_app
  stop_proxy
  stop_redis
  [ -n "${work:-}" ] && rm -rf "$work"
  return 0
}

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

build_sample() {
  echo "Building the sample (Release) ..."
  dotnet build "$sample" -c Release -nologo -v:quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
}

build_benchmarks() {
  echo "Building the benchmark project (Release) ..."
  dotnet build "$here" -c Release -nologo -v:quiet >"$work/build-benchmarks.log" 2>&1 \
    || { cat "$work/build-benchmarks.log" >&2; exit 1; }
}

# Starts a redis-server of the script's own on a free port (or $redis_port if set: a restart keeps its port);
# extra arguments go to redis-server (default: no persistence).
start_redis() { # [redis-server options...]
  [ -n "$redis_port" ] || redis_port="$(free_port)"
  local options=("$@")
  [ ${#options[@]} -gt 0 ] || options=(--save "" --appendonly no)
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --pidfile "$work/redis.pid" \
    --logfile "$work/redis.log" --dir "$work" "${options[@]}"
  for _ in $(seq 1 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "redis-server did not start" >&2
  exit 1
}

stop_redis() {
  [ -n "$redis_port" ] && redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1
  redis_port=""
  return 0
}

# Starts the latency proxy (tests/TypedSession.Benchmarks/Latency) in front of the script's redis-server; sets
# proxy_port and proxy_stats (GET it for the counters).
start_proxy() { # one-way delay in ms
  proxy_port="$(free_port)"
  local stats_port
  stats_port="$(free_port)"
  dotnet "$here/bin/Release/net10.0/TypedSession.Benchmarks.dll" latency-proxy --listen "$proxy_port" \
    --target "127.0.0.1:$redis_port" --delay-ms "$1" --stats-port "$stats_port" >"$work/proxy.log" 2>&1 &
  proxy_pid=$!
  proxy_stats="http://127.0.0.1:$stats_port/"
  wait_for "$proxy_stats" || { cat "$work/proxy.log" >&2; exit 1; }
}

stop_proxy() {
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
  proxy_pid=""
  return 0
}

# Round trips the proxy has counted so far, over all connections.
proxy_round_trips() { curl -s "$proxy_stats" | head -n 1 | sed -E 's/.*round_trips=([0-9]+).*/\1/'; }

# Starts the sample in Release on a free port with the given store; redis goes to REDIS_ADDRESS (default: the
# script's redis-server). Extra arguments are passed to the app. Sets app_pid and base.
start_app() { # store [app arguments...]
  local store="$1" port args=()
  shift
  port="$(free_port)"
  args=(--urls "http://127.0.0.1:$port" --store "$store"
        --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning "$@")
  [ "$store" = redis ] && args+=(--redis "${REDIS_ADDRESS:-127.0.0.1:$redis_port}")
  # Run from the sample's folder: its content root. Production environment, as deployed.
  (cd "$sample" && exec dotnet bin/Release/net10.0/TypedSession.Sample.dll "${args[@]}" >"$work/app.log" 2>&1) &
  app_pid=$!
  base="http://127.0.0.1:$port"
  wait_for "$base/" || { cat "$work/app.log" >&2; exit 1; }
}

stop_app() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  app_pid=""
  return 0
}

# GETs a URL and prints the "name=value" of the first cookie it sets.
cookie_from() { # url
  curl -s -D - -o /dev/null "$1" | tr -d '\r' | sed -n -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/p' | head -n 1
}

# CPU time the app process has used so far, in clock ticks (user + system).
app_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }

# The app's resident memory in MB (VmRSS).
app_rss_mb() { awk '/^VmRSS:/ { printf "%.0f\n", $2 / 1024 }' "/proc/$app_pid/status"; }

# Reads wrk --latency output on stdin; prints "requests_per_second p50_ms p99_ms requests non_2xx_3xx".
wrk_summary() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    / requests in / { requests = $1 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, requests, bad }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.3f", a / b }'; }

machine_line() { echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"; }
