#!/usr/bin/env bash
# The test command of the README and of CI (.ci/run): every module's tests, the cluster tests included.
#
# The cluster tests (camel-zoho-attachments-cluster-tests) need a real PostgreSQL server. This script starts a throw-away
# one on 127.0.0.1 (Debian's package, installed with apt-get when missing only under CI=true as root), in a temporary directory on a
# free port, runs `mvn -B -ntp clean verify` with its connection details in ZOHO_IT_PG_* variables, and stops and removes
# it afterwards, whatever happened. Where no server can be started, the build still runs and the cluster tests are
# reported as skipped, with the reason, here and in their Surefire report. After a successful build,
# build/check-camel-jbang.sh runs the README's Camel JBang commands as written.
#
# The Zoho SDK conformance test (ZohoSdkConformanceTest) runs Zoho's official Node SDK against the test server: it needs
# node and npm, which this script installs from Debian's packages (nodejs, npm) when missing, under CI=true as root; the
# test installs the pinned SDK with npm ci into ~/.cache/camel-zoho-attachments. Without node it is skipped, loudly.
# Extra arguments go to Maven, e.g. ./build/test.sh -pl camel-zoho-attachments-cluster-tests -am
set -euo pipefail
cd "$(dirname "$0")/.."
. "build/free-port.sh"

PG_DIR=""
PG_CTL=""
RUN_AS=""

banner() {
    echo "==========================================================================================" >&2
    for line in "$@"; do echo "== $line" >&2; done
    echo "==========================================================================================" >&2
}

unavailable() {
    export ZOHO_IT_PG_UNAVAILABLE="$1"
    banner "NO POSTGRESQL: the cluster tests will be SKIPPED." "Reason: $1"
}

as_owner() {
    if [ -n "$RUN_AS" ]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi
}

pg_bin_dir() {
    # The newest installed major version; Debian keeps the server binaries out of PATH.
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_postgresql() {
    [ -n "$(pg_bin_dir)" ] && return 0
    # Installing system packages is CI's business (CI=true): a developer's machine is not changed behind their back.
    if [ "${CI:-}" != "true" ]; then
        echo "PostgreSQL is not installed. Install it (Debian/Ubuntu: sudo apt-get install postgresql) or run with CI=true" \
            "as root to let this script install it" >&2
        return 1
    fi
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "PostgreSQL is not installed, and apt-get as root is not available to install it" >&2
        return 1
    fi
    echo "Installing PostgreSQL from Debian's packages..." >&2
    apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2
}


start_postgresql() {
    install_postgresql || { unavailable "PostgreSQL is not installed and could not be installed (apt-get install postgresql)"; return 0; }
    local bin port
    bin="$(pg_bin_dir)"
    [ -x "$bin/initdb" ] || { unavailable "no initdb under /usr/lib/postgresql/*/bin"; return 0; }
    PG_CTL="$bin/pg_ctl"
    PG_DIR="$(mktemp -d /tmp/zoho-it-pg.XXXXXX)"
    chmod 755 "$PG_DIR"
    if [ "$(id -u)" -eq 0 ]; then
        # initdb refuses to run as root: the cluster belongs to the postgres user the package created.
        if ! id postgres >/dev/null 2>&1; then unavailable "running as root, but there is no postgres user to own the cluster"; return 0; fi
        RUN_AS=postgres
        chown postgres "$PG_DIR"
    fi
    local password
    password="it-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" >"$PG_DIR/pwfile"
    [ -z "$RUN_AS" ] || chown "$RUN_AS" "$PG_DIR/pwfile"
    if ! as_owner "$bin/initdb" -D "$PG_DIR/data" -U zoho --pwfile="$PG_DIR/pwfile" --auth-local=trust \
            --auth-host=scram-sha-256 -E UTF8 --no-sync >"$PG_DIR/initdb.log" 2>&1; then
        cat "$PG_DIR/initdb.log" >&2
        unavailable "initdb failed (see above)"
        return 0
    fi
    port="$(free_port 20000 29999)" || { unavailable "no free port found on 127.0.0.1"; return 0; }
    # Loopback only, a private socket directory, and no durability: the data is thrown away after the build.
    cat >>"$PG_DIR/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PG_DIR'
max_connections = 60
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    if ! as_owner "$PG_CTL" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start >&2; then
        cat "$PG_DIR/postgres.log" >&2 || true
        unavailable "pg_ctl start failed (see above)"
        return 0
    fi
    export ZOHO_IT_PG_URL="jdbc:postgresql://127.0.0.1:$port/postgres"
    export ZOHO_IT_PG_USER=zoho
    export ZOHO_IT_PG_PASSWORD="$password"
    # What the tests need to restart the server mid-run.
    export ZOHO_IT_PG_CTL="$PG_CTL"
    export ZOHO_IT_PG_DATA="$PG_DIR/data"
    export ZOHO_IT_PG_LOG="$PG_DIR/postgres.log"
    export ZOHO_IT_PG_RUN_AS="$RUN_AS"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') started for the cluster tests on 127.0.0.1:$port" >&2
}

stop_postgresql() {
    if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
        as_owner "$PG_CTL" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "$PG_DIR" ]; then rm -rf "$PG_DIR"; fi
}

install_node() {
    if command -v node >/dev/null && command -v npm >/dev/null; then
        return 0
    fi
    if [ "${CI:-}" != "true" ]; then
        banner "NO NODE.JS: the Zoho SDK conformance test will be SKIPPED." \
            "Reason: node/npm are not installed. Install them (Debian/Ubuntu: sudo apt-get install nodejs npm), or run" \
            "with CI=true as root to let this script install them"
        return 0
    fi
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        banner "NO NODE.JS: the Zoho SDK conformance test will be SKIPPED." \
            "Reason: node/npm are not installed, and apt-get as root is not available to install them"
        return 0
    fi
    echo "Installing Node.js and npm from Debian's packages (for the Zoho SDK conformance test)..." >&2
    if ! { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm >&2; }; then
        banner "NO NODE.JS: the Zoho SDK conformance test will be SKIPPED." "Reason: apt-get install nodejs npm failed (see above)"
    fi
}

trap stop_postgresql EXIT
unset ZOHO_IT_PG_UNAVAILABLE
start_postgresql
install_node

status=0
mvn -B -ntp clean verify "$@" || status=$?
# The README's Camel JBang commands, run as written against the bundled server (see the script). Only after a whole
# build: with extra Maven arguments (one module, -Dtest=...) it is left out.
if [ "$status" -eq 0 ] && [ "$#" -eq 0 ]; then
    ./build/check-camel-jbang.sh || status=$?
fi
if [ -n "${ZOHO_IT_PG_UNAVAILABLE:-}" ]; then
    banner "The cluster tests were SKIPPED: no PostgreSQL server." "Reason: $ZOHO_IT_PG_UNAVAILABLE"
fi
# One closing line over every module's Surefire reports (the JBang check's own build, above, runs no test).
summarise_tests() {
    local tests=0 failed=0 skipped=0 report
    attribute() { grep -o '<testsuite [^>]*' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9][0-9]*' || echo 0; }
    for report in */target/surefire-reports/TEST-*.xml; do
        [ -f "$report" ] || continue
        tests=$((tests + $(attribute tests "$report")))
        failed=$((failed + $(attribute failures "$report") + $(attribute errors "$report")))
        skipped=$((skipped + $(attribute skipped "$report")))
    done
    echo "Tests: $((tests - failed - skipped)) passed, $failed failed, $skipped skipped"
}
summarise_tests
exit "$status"
