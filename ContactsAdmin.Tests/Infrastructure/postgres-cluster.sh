#!/usr/bin/env bash
# Sourced by test.sh: starts a throwaway PostgreSQL cluster for the tests that run on PostgreSQL and exports
# CONTACTS_TEST_POSTGRES (a connection string to it; the tests create and drop a database each). Installs Debian's
# postgresql package when its server is missing and we are root. The cluster lives in a temporary folder, listens
# only on a Unix socket there, runs as an unprivileged user (postgres refuses root) and is stopped and removed when
# the calling script exits. Durability is off: nothing in it outlives the run.
# Without a server the PostgreSQL tests report "skipped" (and fail when CI=true).

postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start_test_postgres() {
  if [ -n "${CONTACTS_TEST_POSTGRES:-}" ]; then
    echo "PostgreSQL tests use the server in CONTACTS_TEST_POSTGRES."
    return 0
  fi
  if [ ! -x "$(postgres_bin)/initdb" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing PostgreSQL for the PostgreSQL tests (apt-get install postgresql)..."
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
        || { echo "Could not install PostgreSQL; PostgreSQL tests will be skipped."; return 0; }
    else
      echo "PostgreSQL is not installed and this user cannot install it; PostgreSQL tests will be skipped."
      return 0
    fi
  fi
  local bin; bin=$(postgres_bin)
  local folder; folder=$(mktemp -d /tmp/contacts-test-pg-XXXXXX)
  local as=()
  if [ "$(id -u)" = "0" ]; then
    chown postgres: "$folder"
    as=(runuser -u postgres --)
  fi
  if ! "${as[@]}" "$bin/initdb" -D "$folder/data" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1; then
    echo "Could not create a PostgreSQL cluster (see $folder/initdb.log); PostgreSQL tests will be skipped."
    return 0
  fi
  # No autovacuum: a test sees only what the app did to its database. A worker's ANALYZE holds a snapshot in the
  # database it visits, so the app's own VACUUM after a seed could not mark the rows that snapshot predates (a
  # PostgreSqlBulkLoadTests failure in CI, 0 of 16 pages all-visible).
  if ! "${as[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
      -o "-k $folder -c listen_addresses='' -p 5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c autovacuum=off" \
      start >/dev/null; then
    echo "Could not start PostgreSQL (see $folder/server.log); PostgreSQL tests will be skipped."
    return 0
  fi
  TEST_POSTGRES_FOLDER=$folder
  TEST_POSTGRES_AS=("${as[@]}")
  export CONTACTS_TEST_POSTGRES="Host=$folder;Port=5432;Username=postgres"
  trap stop_test_postgres EXIT
  echo "$("$bin/postgres" --version) is running for the tests in $folder."
}

stop_test_postgres() {
  [ -n "${TEST_POSTGRES_FOLDER:-}" ] || return 0
  "${TEST_POSTGRES_AS[@]}" "$(postgres_bin)/pg_ctl" -D "$TEST_POSTGRES_FOLDER/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$TEST_POSTGRES_FOLDER"
  TEST_POSTGRES_FOLDER=
}
