#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL, RabbitMQ and an SMTP sink of its own (the "test"
# profile: separate ports and data from the running system), then prints "N passed, N failed" as its
# last line, whatever happened before (an infrastructure or build failure counts as a failure).
# Extra arguments go to dotnet test (e.g. --filter "FullyQualifiedName~Dunning").
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
infra="$repo/scripts/infra.sh"
results="$repo/.test-results"
status=0
infra_started=""

# Sums the counters of every project's results file.
summarise() {
  local passed=0 failed=0 files=0 trx counters p f
  for trx in "$results"/*.trx; do
    [[ -e "$trx" ]] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    files=$((files + 1))
  done

  if [[ $files -eq 0 && $status -eq 0 ]]; then
    echo "no test results were written" >&2
    status=1
  fi
  # A failure outside the tests (infrastructure, build) writes no failed test: count it so the line never reads green.
  if [[ $status -ne 0 && $failed -eq 0 ]]; then
    failed=1
  fi
  echo "${passed} passed, ${failed} failed"
}

finish() {
  local exit_code=$?
  [[ $status -ne 0 ]] || status=$exit_code
  if [[ -n "$infra_started" ]]; then
    "$infra" stop --profile test >/dev/null || echo "warning: could not stop the test infrastructure" >&2
  fi
  summarise
  exit "$status"
}
trap finish EXIT

rm -rf "$results"
# Set before the start: a start that fails half way leaves components running, and stop is harmless otherwise.
infra_started=1
"$infra" start --profile test
eval "$("$infra" env --profile test)"

dotnet build "$repo/ArScale.sln"

# One project at a time, each with its own results file: vstest names files by the second, and two
# projects finishing in the same second would overwrite each other's counts.
while IFS= read -r project; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" --no-build \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" "$@" </dev/null || status=$?
done < <(find "$repo/tests" -name '*.Tests.csproj' | sort)
