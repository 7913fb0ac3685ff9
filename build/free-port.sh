# Sourced by build/test.sh and build/check-camel-jbang.sh.
# free_port FIRST LAST: prints a port on 127.0.0.1 in FIRST..LAST that nobody listens on (a refused connection), or fails.
free_port() {
    local port
    for port in $(shuf -i "$1-$2" -n 50); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}
