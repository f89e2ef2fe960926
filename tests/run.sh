#!/usr/bin/env bash
# Runs every test: the whole solution on the embedded SQLite database, then the database-facing suites (Core, the
# Web page tests, Indexer) again on PostgreSQL, on a throw-away server started here on a free loopback port and
# removed at the end. Without PostgreSQL's server programs (Debian: apt-get install postgresql) the second part is
# skipped with the reason; ANNUAIRE_TEST_POSTGRES (an admin connection string) uses an existing server instead.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
dotnet test AnnuaireFiliere.sln || status=1

postgres_suites() {
    echo "== The database-facing suites on PostgreSQL"
    dotnet test tests/Core.Tests --no-build || status=1
    dotnet test tests/Web.Tests --no-build --filter "FullyQualifiedName!~AnnuaireFiliere.Web.Tests.Browser" || status=1
    dotnet test tests/Indexer.Tests --no-build || status=1
}

if [ -n "${ANNUAIRE_TEST_POSTGRES:-}" ]; then
    postgres_suites
    exit $status
fi

bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)" 2>/dev/null)
[ -x "$bin/initdb" ] || bin=$(dirname "$(command -v initdb 2>/dev/null)")
if [ ! -x "$bin/initdb" ]; then
    echo "SKIPPED: the PostgreSQL runs need PostgreSQL's server programs (initdb, pg_ctl): apt-get install postgresql," \
        "or set ANNUAIRE_TEST_POSTGRES to an existing server's admin connection string."
    exit $status
fi

port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && [ $port -lt 55532 ]; do port=$((port + 1)); done
cluster=$(mktemp -d /tmp/annuaire-pg.XXXXXX)
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
    chown postgres "$cluster"
    as_owner() { runuser -u postgres -- "$@"; }
fi
stop() {
    as_owner "$bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$cluster"
}
trap stop EXIT

as_owner "$bin/initdb" -D "$cluster/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
    && as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w \
        -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
if [ $? -ne 0 ]; then
    echo "FAILED: could not start a PostgreSQL server for the tests:"
    cat "$cluster/log" 2>/dev/null
    exit 1
fi
echo "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (throw-away, $cluster)"
export ANNUAIRE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
postgres_suites
exit $status
