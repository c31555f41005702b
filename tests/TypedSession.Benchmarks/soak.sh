#!/usr/bin/env bash
# Load soak: the sample in Release on 127.0.0.1 under wrk for DURATION over SESSIONS sessions, with a mix of reads,
# writes (a per-session counter), logins (RegenerateIdAsync) and logouts (DestroyAsync) on
# samples/TypedSession.Sample/SoakEndpoints.cs, then checked from outside:
#   - no answer but 200 outside the Redis outage window (wrk's non-2xx/3xx and socket errors, soak.lua's per-second
#     error counts);
#   - no lost write: soak.lua counts each session's acknowledged increments, soak-verify.py reads every live session
#     back and compares;
#   - resident memory (VmRSS) every 5 s, reported at 1 minute, half-way and the end;
#   - store entries (Redis keys, SQLite rows) against the live sessions (plus those abandoned after a failure);
#   - Redis only: its own redis-server on a free port with appendonly yes and appendfsync always, killed (SIGKILL)
#     half-way and restarted after OUTAGE seconds: requests must fail loudly while it is down (counted apart), then
#     succeed again without restarting the app, and nothing acknowledged before the crash may be lost.
#
# Usage: tests/TypedSession.Benchmarks/soak.sh [memory|sqlite|redis ...]      (all three by default)
# Tunables (environment): DURATION=600 (seconds) CONNECTIONS=64 SESSIONS=10000 OUTAGE=5 GRACE=15 OUT=<file.md>
set -euo pipefail

# shellcheck source=e2e-common.sh
. "$(dirname "$0")/e2e-common.sh"
DURATION="${DURATION:-600}"
CONNECTIONS="${CONNECTIONS:-64}"
SESSIONS="${SESSIONS:-10000}"
OUTAGE="${OUTAGE:-5}"
GRACE="${GRACE:-15}"
stores=("$@")
[ ${#stores[@]} -gt 0 ] || stores=(memory sqlite redis)
OUT="${OUT:-$root/artifacts/benchmarks/soak-$(date -u +%Y%m%dT%H%M%SZ).md}"
work="$(mktemp -d)"
trap e2e_cleanup EXIT
redis_options=(--save "" --appendonly yes --appendfsync always)

# The RSS sample taken closest to the given second of the run.
rss_at() { awk -v t="$1" 'BEGIN { best = -1 } { d = $1 - t; if (d < 0) d = -d; if (best < 0 || d < best) { best = d; v = $2 } } END { print v }' "$work/rss.log"; }

store_entries() { # store
  case "$1" in
    redis) redis-cli -p "$redis_port" --scan --pattern 'typedsession:{*' | grep -vc ':replacing:' || true ;;
    sqlite) python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from typedsession_sessions").fetchone()[0])' "$work/soak.db" ;;
    *) echo "n/a" ;;
  esac
}

figure() { awk -v name="$1" '$1 == name { print $2; found = 1 } END { if (!found) print 0 }' "$2"; }

install_missing
build_sample
mkdir -p "$(dirname "$OUT")"
{
  echo "### Soak: $(date -u +%Y-%m-%dT%H:%MZ), $(machine_line) at the start"
  echo
  echo "wrk -t$CONNECTIONS -c$CONNECTIONS -d${DURATION}s over $SESSIONS sessions (read 50 %, write 35 %, login 10 %, logout 5 %); Redis killed and restarted after ${OUTAGE} s at half-time."
  echo
  echo "| store | requests | requests/s | non-2xx outside the outage | socket errors / unanswered | 5xx/errors in the outage window | recovered after restart (s) | acknowledged increments | live sessions checked | lost writes | lost sessions | unacknowledged writes that landed | RSS at 1 min / half / end (MB) | store entries / live sessions (+ abandoned) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$work/table.md"

status=0
for store in "${stores[@]}"; do
  app_args=()
  case "$store" in
    memory) ;;
    sqlite) rm -f "$work"/soak.db*; app_args=(--Sqlite "$work/soak.db") ;;
    redis) start_redis "${redis_options[@]}" ;;
    *) echo "Unknown store '$store': use memory, sqlite or redis." >&2; exit 1 ;;
  esac
  TYPEDSESSION_SOAK=1 start_app "$store" "${app_args[@]}"
  echo "== $store: sample on $base, $(machine_line)"
  # An unknown operation is a 400 from the soak branch, a 404 without it.
  curl -s -o /dev/null -w '%{http_code}' "$base/soak/probe" | grep -q '^400$' \
    || { echo "The sample serves no /soak endpoints: is TYPEDSESSION_SOAK=1 reaching it?" >&2; exit 1; }

  : >"$work/rss.log"
  t_down=0
  t_up=0
  started="$(date +%s)"
  SOAK_ACKS_FILE="$work/$store.acks" SOAK_SUMMARY_FILE="$work/$store.summary" \
    wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$((DURATION + 15))s" --timeout 10s -s "$here/soak.lua" "$base/" -- "$SESSIONS" "$CONNECTIONS" "$DURATION" \
    >"$work/$store.wrk" 2>&1 &
  wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 5
    elapsed=$(($(date +%s) - started))
    echo "$elapsed $(app_rss_mb)" >>"$work/rss.log"
    if [ "$store" = redis ] && [ "$t_down" -eq 0 ] && [ "$elapsed" -ge $((DURATION / 2)) ]; then
      t_down="$(date +%s)"
      echo "   $elapsed s: killing redis-server (SIGKILL) for ${OUTAGE} s"
      kill -9 "$(cat "$work/redis.pid")"
      sleep "$OUTAGE"
      start_redis "${redis_options[@]}"
      t_up="$(date +%s)"
      # It answers PING while it still replays the AOF (LOADING); wait for the data set, then count it.
      for _ in $(seq 1 100); do redis-cli -p "$redis_port" dbsize 2>/dev/null | grep -qE '^[0-9]+$' && break; sleep 0.1; done
      echo "   $(($(date +%s) - started)) s: redis-server back, $(redis-cli -p "$redis_port" dbsize) keys after the AOF replay"
    fi
    [ $((elapsed % 60)) -lt 5 ] && echo "   $elapsed s: RSS $(app_rss_mb) MB"
  done
  wait "$wrk_pid" || true
  echo "$(($(date +%s) - started)) $(app_rss_mb)" >>"$work/rss.log"
  cat "$work/$store.wrk"

  # Each wrk thread wrote its own files when its time was up (soak.lua's finish); a thread that never got an answer
  # after that wrote none, and its sessions go unchecked: reported, and a failure.
  threads_done="$(find "$work" -name "$store.summary.*" | wc -l)"
  cat "$work/$store.acks".* >"$work/$store.acks" 2>/dev/null || : >"$work/$store.acks"
  summary="$work/$store.summary"
  cat "$work/$store.summary".* 2>/dev/null | awk '
    $1 == "error_second" { e[$2] += $3; next } { t[$1] += $2 }
    END { for (k in t) print k, t[k]; for (s in e) print "error_second", s, e[s] }' >"$summary"
  echo "threads_finished $threads_done" >>"$summary"
  non2xx_wrk="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/$store.wrk")"
  echo "wrk_non_2xx_3xx ${non2xx_wrk:-0}" >>"$summary"
  awk '/Socket errors:/ { gsub(",", ""); print "socket_errors", $4 + $6 + $8 + $10 }' "$work/$store.wrk" >>"$summary"
  # Errors per second: those from the outage to GRACE s after the restart are the outage's; others are failures.
  read -r outage_errors other_errors last_outage_error < <(awk -v down="$t_down" -v up="$t_up" -v grace="$GRACE" '
    $1 == "error_second" { if (down > 0 && $2 >= down && $2 <= up + grace) { o += $3; if ($2 > last) last = $2 } else e += $3 }
    END { printf "%d %d %d\n", o, e, last }' "$summary")
  recovered="-"
  if [ "$store" = redis ]; then
    recovered="$(( last_outage_error > t_up ? last_outage_error - t_up : 0 ))"
  fi
  socket_errors="$(figure socket_errors "$summary")"
  verify_status=0
  python3 "$here/soak-verify.py" "$work/$store.acks" "$base" >"$work/$store.verify" 2>"$work/$store.verify.err" || verify_status=$?
  head -n 20 "$work/$store.verify.err" >&2 || true
  cat "$work/$store.verify"
  entries="$(store_entries "$store")"
  live="$(wc -l <"$work/$store.acks")"
  abandoned="$(figure abandoned "$summary")"
  requests="$(figure requests "$summary")"
  rps="$((requests / DURATION))"
  half=$((DURATION / 2))
  rss="$(rss_at 60) / $(rss_at "$half") / $(rss_at "$DURATION")"
  outage="$([ "$store" = redis ] && echo "$outage_errors" || echo "-")"
  echo "| $store | $requests | $rps | $other_errors | $socket_errors / $(figure unanswered "$summary") | $outage | $recovered | $(figure acknowledged_increments "$work/$store.verify") | $(figure checked "$work/$store.verify") | $(figure lost_writes "$work/$store.verify") | $(figure lost_sessions "$work/$store.verify") | $(figure unacked_landed "$work/$store.verify") | $rss | $entries / $live (+ $abandoned) |" >>"$work/table.md"
  {
    echo
    echo "$store: soak.lua's counters: $(tr '\n' ' ' <"$summary" | sed -E 's/error_second [0-9]+ [0-9]+ ?//g')"
    echo "$store: RSS every 10 s (s MB): $(awk 'NR % 2 == 0' "$work/rss.log" | tr '\n' ',' | sed 's/,$//')"
  } >>"$work/notes.md"
  if [ "$other_errors" -ne 0 ] || [ "$verify_status" -ne 0 ] || [ "$(figure lost_writes "$summary")" -ne 0 ] \
     || [ "$threads_done" -ne "$CONNECTIONS" ]; then
    status=1
  fi
  stop_app
  stop_redis
done

cat "$work/table.md" "$work/notes.md" >"$OUT"
echo
cat "$OUT"
echo
echo "Written to $OUT"
exit "$status"
