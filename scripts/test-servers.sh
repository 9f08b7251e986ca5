# Database servers for the tests, started on loopback in temporary folders and stopped on exit.
# Sourced by scripts/test; sets SCHEMABOARD_TEST_POSTGRES (a libpq connection string) and
# SCHEMABOARD_TEST_MARIADB (a socket path) for the tests that compare with a real catalog.
# SQLite needs nothing: the tests use rusqlite's bundled build.

servers_root=""

# Installs the server packages when they are missing: as root from Debian's packages, otherwise
# by printing the command to run and failing.
ensure_server_packages() {
    local missing=()
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
    command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "installing ${missing[*]} from Debian's packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "scripts/test: the tests need ${missing[*]}; install them with:" >&2
        echo "    sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Runs a command as the owner of the server's files (servers refuse to run as root).
as_owner() {
    local owner=$1
    shift
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$owner" -- "$@"
    else
        "$@"
    fi
}

start_postgres() {
    local bin dir port owner
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    dir="$servers_root/postgres"
    owner=postgres
    [ "$(id -u)" -eq 0 ] || owner=$(id -un)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown "$owner" "$dir"
    port=$(free_port)
    as_owner "$owner" "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1
    as_owner "$owner" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
        start >/dev/null
    export SCHEMABOARD_TEST_POSTGRES="host=127.0.0.1 port=$port user=postgres"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

start_mariadb() {
    local dir owner
    dir="$servers_root/mariadb"
    owner=mysql
    [ "$(id -u)" -eq 0 ] || owner=$(id -un)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown "$owner" "$dir"
    as_owner "$owner" mariadb-install-db --no-defaults --datadir="$dir/data" --user="$owner" \
        --skip-test-db >"$dir/install.log" 2>&1
    # Loopback only, a socket in our own folder, and no grant tables: a throwaway test server.
    as_owner "$owner" mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/sock" \
        --port="$(free_port)" --bind-address=127.0.0.1 --skip-grant-tables \
        --pid-file="$dir/pid" --log-error="$dir/error.log" 2>/dev/null &
    for _ in $(seq 1 100); do
        mariadb-admin --no-defaults --socket="$dir/sock" ping >/dev/null 2>&1 && break
        sleep 0.2
    done
    export SCHEMABOARD_TEST_MARIADB="$dir/sock"
    echo "MariaDB $(mariadbd --version | awk '{print $3}') on $dir/sock"
}

stop_servers() {
    [ -n "$servers_root" ] || return 0
    if [ -f "$servers_root/postgres/data/postmaster.pid" ]; then
        local bin
        bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
        as_owner "$(stat -c %U "$servers_root/postgres")" "$bin/pg_ctl" -D "$servers_root/postgres/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    if [ -S "$servers_root/mariadb/sock" ]; then
        mariadb-admin --no-defaults --socket="$servers_root/mariadb/sock" shutdown >/dev/null 2>&1 || true
    fi
    rm -rf "$servers_root"
}

start_test_servers() {
    ensure_server_packages
    servers_root=$(mktemp -d /tmp/schemaboard-servers.XXXXXX)
    chmod 755 "$servers_root"
    trap stop_servers EXIT
    start_postgres
    start_mariadb
}
