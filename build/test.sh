#!/usr/bin/env bash
# The test command of the README and of CI (.ci/run): every module's tests, the cluster tests included.
#
# No test group is skipped silently, and none is skipped by default: a run that skips a group fails.
# - The cluster tests (camel-zoho-attachments-cluster-tests) need a real PostgreSQL server. This script starts a throw-away
#   one on 127.0.0.1 (Debian's package, installed with apt-get when missing under CI=true as root; .ci/run sets CI=true),
#   in a temporary directory on a free port, runs `mvn -B -ntp clean verify` with its connection details in ZOHO_IT_PG_*
#   variables, and stops and removes it afterwards, whatever happened.
# - The Zoho SDK conformance test (ZohoSdkConformanceTest) runs Zoho's official Node SDK against the test server: it needs
#   node and npm, which this script installs from Debian's packages (nodejs, npm) when missing, under CI=true as root; the
#   test installs the pinned SDK with npm ci into ~/.cache/camel-zoho-attachments.
# When a prerequisite is missing and cannot be installed, the script fails before the build, naming it. When one turns out
# broken during the build (PostgreSQL refuses connections, npm ci fails), the tests that need it fail rather than skip:
# this script exports ZOHO_TEST_NO_SKIP=true, which turns their JUnit abort into a failure. And after the build, any
# skipped test in any module's Surefire report fails the run.
# A developer may opt out explicitly: ZOHO_TEST_ALLOW_SKIP=true ./build/test.sh runs without the missing prerequisites,
# reports the groups that need them as skipped, and does not fail for it. The last line names every skipped group.
# After a successful build, build/check-camel-jbang.sh runs the README's Camel JBang commands as written.
# Then the component's tests run a second time on the newer Camel line (the camel-4.22 profile of camel-zoho-attachments:
# every Camel module from the 4.22.0 BOM, the build plugins on the 4.18 baseline), the simulation with 50 schedules
# instead of 200 to keep CI short. Their Surefire reports go to camel-zoho-attachments/target/surefire-reports-camel-4.22,
# beside the baseline's, and the closing line counts both runs.
# Extra arguments go to Maven, e.g. ./build/test.sh -pl camel-zoho-attachments-cluster-tests -am
set -euo pipefail
cd "$(dirname "$0")/.."
. "build/free-port.sh"

PG_DIR=""
PG_CTL=""
RUN_AS=""
# The test groups this run cannot run, one "group (prerequisite: reason)" each.
MISSING=()
# Why apt_install did not install something.
APT_REASON=""

case "${ZOHO_TEST_ALLOW_SKIP:-}" in
    true) ALLOW_SKIP=true ;;
    "" | false) ALLOW_SKIP=false ;;
    *) echo "ZOHO_TEST_ALLOW_SKIP must be true or false, not '$ZOHO_TEST_ALLOW_SKIP'" >&2; exit 2 ;;
esac

banner() {
    echo "==========================================================================================" >&2
    for line in "$@"; do echo "== $line" >&2; done
    echo "==========================================================================================" >&2
}

# missing GROUP PREREQUISITE REASON
missing() {
    MISSING+=("$1 ($2: $3)")
    if [ "$ALLOW_SKIP" = true ]; then
        banner "NO $2: the $1 will be SKIPPED (ZOHO_TEST_ALLOW_SKIP=true)." "Reason: $3"
    else
        banner "NO $2: the $1 cannot run." "Reason: $3"
    fi
}

unavailable() {
    export ZOHO_IT_PG_UNAVAILABLE="$1"
    missing "cluster tests" "PostgreSQL" "$1"
}

as_owner() {
    if [ -n "$RUN_AS" ]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi
}

pg_bin_dir() {
    # The newest installed major version; Debian keeps the server binaries out of PATH.
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# apt_install WHAT PACKAGE...: installs Debian packages under CI=true as root; otherwise sets APT_REASON and fails.
apt_install() {
    local what="$1"
    shift
    # Installing system packages is CI's business (CI=true; .ci/run sets it): a developer's machine is not changed
    # behind their back.
    if [ "${CI:-}" != "true" ]; then
        APT_REASON="$what is not installed. Install it (Debian/Ubuntu: sudo apt-get install $*), or run with CI=true as"
        APT_REASON+=" root to let this script install it"
        return 1
    fi
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        APT_REASON="$what is not installed, and apt-get as root is not available to install it ($*)"
        return 1
    fi
    echo "Installing $what from Debian's packages ($*)..." >&2
    if ! { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2; }; then
        APT_REASON="apt-get install $* failed (see above)"
        return 1
    fi
}

start_postgresql() {
    if [ -z "$(pg_bin_dir)" ] && ! apt_install PostgreSQL postgresql; then
        unavailable "$APT_REASON"
        return 0
    fi
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

# node and npm that answer --version: one installed but broken counts as missing.
node_works() {
    node --version >/dev/null 2>&1 && npm --version >/dev/null 2>&1
}

install_node() {
    node_works && return 0
    if command -v node >/dev/null && command -v npm >/dev/null; then
        missing "Zoho SDK conformance test" "node/npm" "node or npm is installed but does not run (node --version, npm --version)"
    elif ! apt_install "Node.js (node and npm)" nodejs npm; then
        missing "Zoho SDK conformance test" "node/npm" "$APT_REASON"
    elif ! node_works; then
        missing "Zoho SDK conformance test" "node/npm" "node or npm does not run after apt-get install nodejs npm"
    fi
}

# joined SEPARATOR ITEM...
joined() {
    local separator="$1" out=""
    shift
    for item in "$@"; do out+="${out:+$separator}$item"; done
    echo "$out"
}

trap stop_postgresql EXIT
unset ZOHO_IT_PG_UNAVAILABLE
start_postgresql
install_node

if [ "${#MISSING[@]}" -gt 0 ] && [ "$ALLOW_SKIP" != true ]; then
    banner "NOT RUNNING THE BUILD: it would skip these test groups, and a skipped group fails this command:" \
        "${MISSING[@]}" \
        "Install what is missing (or run as root with CI=true, as .ci/run does, to let this script install it)," \
        "or skip those groups explicitly: ZOHO_TEST_ALLOW_SKIP=true ./build/test.sh"
    echo "Tests: none run; FAILED, these groups would be skipped: $(joined '; ' "${MISSING[@]}")"
    exit 1
fi
# A prerequisite found present here but broken in the tests (PostgreSQL refusing connections, npm ci failing) fails the
# tests that need it instead of skipping them (Postgres.requireServer, ZohoSdkConformanceTest).
if [ "$ALLOW_SKIP" = true ]; then unset ZOHO_TEST_NO_SKIP; else export ZOHO_TEST_NO_SKIP=true; fi

status=0
mvn -B -ntp clean verify "$@" || status=$?
# The README's Camel JBang commands, run as written against the bundled server (see the script). Only after a whole
# build: with extra Maven arguments (one module, -Dtest=...) it is left out.
if [ "$status" -eq 0 ] && [ "$#" -eq 0 ]; then
    ./build/check-camel-jbang.sh || status=$?
fi
# The component's tests on Camel 4.22 (see the top of this script), also after a failed baseline build, so that one
# run tells both lines apart; with extra Maven arguments it is left out. -DskipTests keeps the test server module,
# rebuilt here by -am, from running its Camel-free tests twice: the profile runs the component's tests regardless.
if [ "$#" -eq 0 ]; then
    mvn -B -ntp -Pcamel-4.22 -pl camel-zoho-attachments -am verify -DskipTests -Dsimulation.count=50 || status=$?
fi

# The group of a Surefire report: the cluster module's tests are one group, the SDK conformance test another, any other
# test class is named by itself; a report of the Camel 4.22 run adds "on Camel 4.22" to its group.
group_of() {
    local group
    group="$(group_of_baseline "$1")"
    case "$1" in
        */target/surefire-reports-camel-4.22/*) echo "$group on Camel 4.22" ;;
        *) echo "$group" ;;
    esac
}
group_of_baseline() {
    case "$1" in
        camel-zoho-attachments-cluster-tests/*) echo "cluster tests" ;;
        */TEST-io.github.camelzoho.attachments.ZohoSdkConformanceTest.xml) echo "Zoho SDK conformance test" ;;
        *) basename "$1" .xml | sed 's/^TEST-//; s/.*\.//' ;;
    esac
}

# One closing line over every module's Surefire reports (the JBang check's own build, above, runs no test), naming every
# skipped group: those with skipped tests in their reports, and those whose prerequisite was missing.
SKIPPED_GROUPS=()
SUMMARY=""
summarise_tests() {
    local tests=0 failed=0 skipped=0 report n group entry missing_entry t f
    local tests422=0 failed422=0 skipped422=0
    local -A skipped_in=()
    local -a order=()
    attribute() { grep -o '<testsuite [^>]*' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9][0-9]*' || echo 0; }
    # The baseline's reports and the Camel 4.22 run's, each file once: the two runs write to different directories.
    for report in */target/surefire-reports/TEST-*.xml */target/surefire-reports-camel-4.22/TEST-*.xml; do
        [ -f "$report" ] || continue
        t=$(attribute tests "$report")
        f=$(($(attribute failures "$report") + $(attribute errors "$report")))
        n=$(attribute skipped "$report")
        tests=$((tests + t))
        failed=$((failed + f))
        skipped=$((skipped + n))
        case "$report" in
            */target/surefire-reports-camel-4.22/*)
                tests422=$((tests422 + t)); failed422=$((failed422 + f)); skipped422=$((skipped422 + n)) ;;
        esac
        if [ "$n" -gt 0 ]; then
            group="$(group_of "$report")"
            [ -n "${skipped_in[$group]:-}" ] || order+=("$group")
            skipped_in[$group]=$((${skipped_in[$group]:-0} + n))
        fi
    done
    for group in "${order[@]}"; do
        entry="$group: ${skipped_in[$group]} skipped"
        for missing_entry in "${MISSING[@]}"; do
            [ "${missing_entry%% (*}" != "${group% on Camel 4.22}" ] || entry="$group: ${skipped_in[$group]} skipped (${missing_entry#* (}"
        done
        SKIPPED_GROUPS+=("$entry")
    done
    for entry in "${MISSING[@]}"; do
        [ -n "${skipped_in[${entry%% (*}]:-}" ] || SKIPPED_GROUPS+=("$entry, not run")
    done
    SUMMARY="Tests: $((tests - failed - skipped)) passed, $failed failed, $skipped skipped"
    if [ "$tests422" -gt 0 ]; then
        SUMMARY+=" (of them the component's on Camel 4.22: $((tests422 - failed422 - skipped422)) passed, $failed422"
        SUMMARY+=" failed, $skipped422 skipped)"
    fi
    if [ "${#SKIPPED_GROUPS[@]}" -gt 0 ]; then
        SUMMARY+="; skipped groups: $(joined '; ' "${SKIPPED_GROUPS[@]}")"
    fi
}
summarise_tests
if [ "${#SKIPPED_GROUPS[@]}" -gt 0 ]; then
    if [ "$ALLOW_SKIP" = true ]; then
        banner "SKIPPED (allowed by ZOHO_TEST_ALLOW_SKIP=true):" "${SKIPPED_GROUPS[@]}"
    else
        banner "FAILED: tests were skipped, and a skipped test fails this command (ZOHO_TEST_ALLOW_SKIP=true allows it):" \
            "${SKIPPED_GROUPS[@]}"
        [ "$status" -ne 0 ] || status=1
    fi
fi
echo "$SUMMARY"
exit "$status"
