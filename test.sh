#!/usr/bin/env bash
# Builds the solution, checks the code is formatted as .editorconfig says, runs every test, then prints one line:
# "N passed, N failed, N skipped".
# Installs Chromium (Debian's package) for the browser tests when it is missing and we are root;
# without it the browser tests report "skipped" (and fail when CI=true).
# Then runs the tests marked to run on both store engines again on PostgreSQL, on a throwaway server it starts
# (installing Debian's postgresql package when missing; see ContactsAdmin.Tests/Infrastructure/postgres-cluster.sh).
set -uo pipefail
cd "$(dirname "$0")"
source ContactsAdmin.Tests/Infrastructure/postgres-cluster.sh

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || echo "Could not install Chromium; browser tests will be skipped."
  else
    echo "Chromium is not installed (/usr/bin/chromium) and this user cannot install it; browser tests will be skipped."
  fi
fi

mkdir -p test-output
log=test-output/dotnet-test.log
dotnet build ContactsAdmin.sln -c Debug -warnaserror 2>&1 | tail -n 3
build_status=${PIPESTATUS[0]}
if [ "$build_status" -ne 0 ]; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# The house style (.editorconfig): whitespace, then usings, file-scoped namespaces and var; `dotnet format
# ContactsAdmin.sln` fixes what this reports. Its third pass (analyzers) is left out: the build above already fails
# on every analyzer warning, and that pass doubles the time.
format_log=test-output/dotnet-format.log
dotnet format whitespace ContactsAdmin.sln --verify-no-changes --no-restore >"$format_log" 2>&1
whitespace_status=$?
dotnet format style ContactsAdmin.sln --verify-no-changes --no-restore >>"$format_log" 2>&1
style_status=$?
if [ "$whitespace_status" -ne 0 ] || [ "$style_status" -ne 0 ]; then
  echo "Not formatted as .editorconfig says (run: dotnet format ContactsAdmin.sln):"
  files=$(sed -nE 's/^([^(]+\.cs)\(.*/\1/p' "$format_log" | sort -u)
  if [ -n "$files" ]; then echo "$files" | sed "s|^$PWD/|  |"; else tail -n 20 "$format_log"; fi   # else it failed to load
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# Tests of PostgreSQL itself (its catalog) wait for the second pass.
dotnet test ContactsAdmin.sln --no-build -c Debug --filter "Store!=PostgreSQL" 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}

# The second pass: every test marked [Trait("Store", "Both")] or "PostgreSQL" on PostgreSQL. Without a server they skip (fail under CI).
start_test_postgres
echo "Running the tests marked for both store engines on PostgreSQL..."
CONTACTS_TEST_STORE=PostgreSQL dotnet test ContactsAdmin.Tests --no-build -c Debug --filter "Store=Both|Store=PostgreSQL" 2>&1 | tee -a "$log"
postgres_status=${PIPESTATUS[0]}
stop_test_postgres
[ "$postgres_status" -eq 0 ] || test_status=$postgres_status

# Sum the runner's per-assembly lines: "Passed!  - Failed: 0, Passed: 7, Skipped: 0, Total: 7".
sum() { grep -Eo "$1: +[0-9]+" "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # the run itself broke
echo "$passed passed, $failed failed, $skipped skipped"
[ "$test_status" -eq 0 ] && [ "$failed" -eq 0 ]
