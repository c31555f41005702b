#!/usr/bin/env bash
# Adds up the TRX files of a test run and prints the closing line "N passed, N failed".
# Exits non-zero when a test failed or when no test ran at all.
set -euo pipefail
dir=${1:?results directory}

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$dir"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attr() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(attr passed); f=$(attr failed); e=$(attr executed); t=$(attr total)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$failed" -gt 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
