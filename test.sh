#!/usr/bin/env bash
# Runs every test of TypedSession on a fresh machine: installs what the tests need (Redis, Chromium),
# builds the solution with warnings as errors, runs the tests and prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

bash eng/install-test-dependencies.sh

results=artifacts/test-results
rm -rf "$results"
dotnet build TypedSession.sln -c Release -p:TreatWarningsAsErrors=true -nologo -v:minimal

status=0
dotnet test TypedSession.sln -c Release --no-build -nologo -v:minimal \
  --logger "trx" --results-directory "$results" "$@" || status=$?

bash eng/summarize-test-results.sh "$results" || status=$?
exit $status
