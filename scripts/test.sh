#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL, RabbitMQ and an SMTP sink of its own (the "test"
# profile: separate ports and data from the running system), then prints "N passed, N failed".
# Extra arguments go to dotnet test (e.g. --filter "FullyQualifiedName~Dunning").
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
infra="$repo/scripts/infra.sh"
results="$repo/.test-results"

cleanup() {
  if [[ -n "${infra_started:-}" ]]; then
    "$infra" stop --profile test >/dev/null || echo "warning: could not stop the test infrastructure" >&2
    infra_started=""
  fi
}

trap cleanup EXIT
"$infra" start --profile test
infra_started=1
eval "$("$infra" env --profile test)"

rm -rf "$results"
status=0
dotnet build "$repo/ArScale.sln" || status=$?

# One project at a time, each with its own results file: vstest names files by the second, and two
# projects finishing in the same second would overwrite each other's counts.
if [[ $status -eq 0 ]]; then
  while IFS= read -r project; do
    name="$(basename "$project" .csproj)"
    dotnet test "$project" --no-build \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$results" "$@" || status=$?
  done < <(find "$repo/tests" -name '*.Tests.csproj' | sort)
fi

cleanup

passed=0 failed=0 files=0
for trx in "$results"/*.trx; do
  [[ -e "$trx" ]] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  files=$((files + 1))
done

# A build error produces no results at all: count it as a failure so the summary never reads green.
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1
fi
if [[ $files -eq 0 && $status -eq 0 ]]; then
  echo "no test results were written" >&2
  status=1
fi

echo "${passed} passed, ${failed} failed"
exit "$status"
