#!/usr/bin/env bash
# Publishes the sample trimmed and as Native AOT, and fails when any trimming/AOT warning comes from TypedSession
# (the runtime, its generated code or its API). Warnings from ASP.NET Core itself are listed but allowed: the stock
# AddSession(), Razor Pages and MVC carry RequiresUnreferencedCode/RequiresDynamicCode. Then runs the AOT binary and
# checks that /set-data and /get-data work with one cookie.
#
#   bash eng/publish-aot-check.sh            # trimmed and AOT (a few minutes: ILLink and ILC over ASP.NET Core)
#   bash eng/publish-aot-check.sh trimmed    # one of them
#   bash eng/publish-aot-check.sh aot
#
# Too slow for the test suite (ILC alone takes 1.5 to 10 minutes here, depending on load); the suite checks instead
# that the runtime builds with the trim and AOT analyzers on and warnings as errors (Packaging/TrimCompatibilityTests).
set -euo pipefail
cd "$(dirname "$0")/.."

modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(trimmed aot)
rid=linux-x64
work=artifacts/publish-check
mkdir -p "$work"
status=0

# A warning is TypedSession's when, once its file location and trailing "[project]" are cut off, it names TypedSession
# (a TypedSession member as origin or target, "Assembly 'TypedSession' produced ... warnings"), or when it is located
# in the shipping projects' sources (src/Runtime, src/Redis, src/Sqlite) or in generated session code.
typedsession_warnings() {
  local warnings=$1
  {
    sed -E 's/ \[[^]]*\]$//; s/^[^ ]*\([0-9,]+\): //' "$warnings" | grep -i 'TypedSession' || true
    grep -E '(/src/(Runtime|Redis|Sqlite)/|\.g\.cs\()' "$warnings" || true
  } | sort -u
}

publish() {
  local mode=$1 out="$work/$1" log="$work/$1.log" warnings="$work/$1.warnings"
  rm -rf "$out"
  echo "== dotnet publish the sample ($mode, $rid)"
  # PublishTrimmed/PublishAot come from -p:SamplePublish (see the sample's csproj). TrimmerSingleWarn=false lists each
  # warning instead of one per assembly; warnings must not fail the publish, this script judges them.
  if ! dotnet publish samples/TypedSession.Sample -c Release -r "$rid" -p:SamplePublish="$mode" \
      -p:TrimmerSingleWarn=false -p:TreatWarningsAsErrors=false -o "$out" -nologo -v:minimal >"$log" 2>&1; then
    cat "$log" >&2
    echo "FAIL: publishing the sample ($mode) failed; log: $log" >&2
    return 1
  fi
  grep -E 'warning (IL[0-9]{4}|NETSDK)' "$log" | sed -E 's/ \[[^]]*\]$//' | sort -u >"$warnings" || true
  local ours
  ours=$(typedsession_warnings "$warnings")
  echo "   $(wc -l <"$warnings") distinct trim/AOT warnings in all ($warnings), by code:"
  grep -oE 'warning IL[0-9]{4}' "$warnings" | sort | uniq -c | sed 's/^/     /' || true
  if [ -n "$ours" ]; then
    echo "FAIL: warnings from TypedSession ($mode):" >&2
    echo "$ours" >&2
    return 1
  fi
  echo "   from TypedSession: none"
}

serve_check() {
  local binary="$work/aot/TypedSession.Sample" log="$work/aot-run.log" jar="$work/aot.cookies"
  echo "== run the Native AOT binary ($(du -h "$binary" | cut -f1)) and call /set-data, /get-data"
  rm -f "$jar"
  ASPNETCORE_ENVIRONMENT=Development "$binary" --urls http://127.0.0.1:0 >"$log" 2>&1 &
  local pid=$!
  local url=""
  for _ in $(seq 1 100); do
    url=$(grep -oE 'Now listening on: http://[0-9.:]+' "$log" | head -1 | sed 's/Now listening on: //') || true
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    kill "$pid" 2>/dev/null || true
    cat "$log" >&2
    echo "FAIL: the AOT binary did not start listening" >&2
    return 1
  fi
  local set get
  set=$(curl -sS -c "$jar" -b "$jar" "$url/set-data") || true
  get=$(curl -sS -c "$jar" -b "$jar" "$url/get-data") || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "   $url/set-data -> $set"
  echo "   $url/get-data -> $get"
  if [ "$set" != "Data stored in session" ] || [ "$get" != "Username: John" ]; then
    cat "$log" >&2
    echo "FAIL: the AOT binary did not serve the session routes" >&2
    return 1
  fi
}

for mode in "${modes[@]}"; do
  case "$mode" in
    trimmed) publish trimmed || status=1 ;;
    aot) { publish aot && serve_check; } || status=1 ;;
    *) echo "unknown mode '$mode': use trimmed or aot" >&2; exit 2 ;;
  esac
done

[ $status -eq 0 ] && echo "OK: no trimming/AOT warnings from TypedSession" || echo "FAILED" >&2
exit $status
