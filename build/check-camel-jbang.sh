#!/usr/bin/env bash
# Runs the README's Camel JBang commands exactly as written, and checks that they print the README's sample output, so
# that those instructions cannot rot. Run by build/test.sh (the README's test command, and CI's) after the Maven build.
#
# What it runs: each ```sh block of README.md preceded by a marker comment
#   <!-- camel-jbang-check: in=DIR -->              run in DIR (relative to the clone's root), in one shell session,
#                                                   so that an `export` in one block holds for the next ones
#   <!-- camel-jbang-check: in=DIR background -->   start in the background (the bundled server), stopped at the end;
#                                                   the next block starts once it printed "Zoho CRM test server at"
# and the blocks after <!-- camel-jbang-check: output --> are the expected output: each of their lines, but "...", must
# appear in that order in what the blocks printed, once the time stamp and the process id that start a log line, the
# terminal colours and the dates of the sample attachments are set aside.
#
# The only changes made to the commands: port 8080 becomes a free port (in the sample output too), and Camel JBang gets
# -Duser.home (through CAMEL_JAVA_OPTS, read by build/camel) pointing into target/camel-jbang-check, so that what it
# writes under ~/.camel and the Maven repository it downloads into (~/.m2/repository) stay inside this build instead of
# the user's home. Before the run, the archive the commands write (camel-zoho-attachments-examples/target/zoho-archive)
# and Camel JBang's work directory (camel-zoho-attachments-examples/.camel-jbang) are removed; afterwards the work
# directory is removed again, so that no .camel-jbang/ is left in the source tree.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/build/free-port.sh"
work="$root/target/camel-jbang-check"
examples="$root/camel-zoho-attachments-examples"
server_group=""

cleanup() {
    if [ -n "$server_group" ]; then
        # The server was started in a session of its own: stop that process group (mvn and its JVM) only.
        kill -TERM -- "-$server_group" 2>/dev/null || true
        wait 2>/dev/null || true
    fi
    rm -rf "$examples/.camel-jbang"
}
trap cleanup EXIT

rm -rf "$work" "$examples/target/zoho-archive" "$examples/.camel-jbang"
mkdir -p "$work/home/.m2/repository"
port="$(free_port 30000 39999)"

# Cut README.md into the marked blocks: block-N.sh and block-N.attributes, and expected-output.txt.
awk -v work="$work" -v port="$port" '
    BEGIN { printf "" > (work "/expected-output.txt") }
    /^<!-- camel-jbang-check: .* -->$/ {
        marker = $0
        sub(/^<!-- camel-jbang-check: /, "", marker)
        sub(/ -->$/, "", marker)
        pending = 1
        next
    }
    pending && /^```/ {
        if (marker == "output") {
            file = work "/expected-output.txt"
        } else {
            n++
            file = sprintf("%s/block-%d.sh", work, n)
            print marker > sprintf("%s/block-%d.attributes", work, n)
            printf "" > file
        }
        pending = 0
        inside = 1
        next
    }
    inside && /^```/ { inside = 0; next }
    inside { gsub(/8080/, port); print >> file }
' "$root/README.md"

blocks=$(find "$work" -name 'block-*.sh' | wc -l)
if [ "$blocks" -eq 0 ] || [ ! -s "$work/expected-output.txt" ]; then
    echo "check-camel-jbang: README.md has no marked Camel JBang blocks or no marked output" >&2
    exit 1
fi

export CAMEL_JAVA_OPTS="-Duser.home=$work/home"
started=$(date +%s)
: >"$work/output.txt"
for i in $(seq 1 "$blocks"); do
    attributes="$(cat "$work/block-$i.attributes")"
    dir="$(sed -n 's/.*in=\([^ ]*\).*/\1/p' <<<"$attributes")"
    echo "== README block $i (in $dir${attributes##*in=$dir}):" >&2
    sed 's/^/   $ /' "$work/block-$i.sh" >&2
    cd "$root/$dir"
    if [[ " $attributes " == *" background "* ]]; then
        # In a session of its own, whose leader writes its id: the process group to stop at the end.
        setsid bash -c "echo \$\$ >'$work/server.pgid'; set -euo pipefail; source '$work/block-$i.sh'" \
            >"$work/server.log" 2>&1 &
        for _ in $(seq 1 240); do
            [ -z "$server_group" ] && [ -s "$work/server.pgid" ] && server_group="$(cat "$work/server.pgid")"
            grep -q "Zoho CRM test server at" "$work/server.log" && break
            sleep 0.5
        done
        grep -q "Zoho CRM test server at" "$work/server.log" || { cat "$work/server.log" >&2; exit 1; }
        cat "$work/server.log" >>"$work/output.txt"
    else
        # shellcheck disable=SC1090 # the README's own commands
        source "$work/block-$i.sh" > >(tee -a "$work/output.txt") 2>&1
    fi
done
cd "$root"

# Compare: drop colours, the time stamp and the process id that start Camel's log lines, and the dates in the text (the
# bundled server dates its sample attachments with the time it started).
normalise() {
    sed -e 's/\x1b\[[0-9;]*m//g' \
        -e 's/^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9:.]\{12\} *\([A-Z]*\) [0-9]* ---/\1 ---/' \
        -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]\{8\}[+-][0-9][0-9]:[0-9][0-9]/DATE-TIME/g'
}
normalise <"$work/output.txt" >"$work/output.normalised.txt"
normalise <"$work/expected-output.txt" >"$work/expected.normalised.txt"
missing=$(awk '
    NR == FNR { if ($0 != "...") expected[++n] = $0; next }
    i < n && $0 == expected[i + 1] { i++ }
    END { if (i < n) print expected[i + 1] }
' "$work/expected.normalised.txt" "$work/output.normalised.txt")
if [ -n "$missing" ]; then
    echo "check-camel-jbang: FAILED. The README's sample output does not match what its commands printed;" >&2
    echo "first expected line not found (in order): $missing" >&2
    echo "All that was printed is in $work/output.txt" >&2
    exit 1
fi
echo "check-camel-jbang: the README's $blocks Camel JBang blocks ran and printed its sample output ($(($(date +%s) - started)) s)" >&2
