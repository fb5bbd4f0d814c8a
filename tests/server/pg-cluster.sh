#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the server tests (the ctest fixture
# in tests/server/CMakeLists.txt):
#   pg-cluster.sh start DIR   stop and remove what a killed run left in DIR,
#                             then initdb (SCRAM only) and start a server that
#                             listens on a Unix socket in DIR/s and on no TCP port
#   pg-cluster.sh stop DIR    stop the server and remove DIR
#   pg-cluster.sh pause DIR   stop the server and keep DIR (a test's outage)
#   pg-cluster.sh resume DIR  start the paused server again
# DIR must sit under /tmp and be short: a Unix socket path is limited to 107
# bytes, and a clone may sit under a 0700 home the postgres user cannot enter.
# PostgreSQL refuses to run as root: as root, the cluster is owned by and runs
# as the postgres system user; otherwise as whoever runs this.
# DIR/superuser.pw holds the superuser's (random) password; the superuser is
# onramp_test_super and the socket folder DIR/s (port 5432).
set -euo pipefail

PG_BIN=${ONRAMP_PG_BIN:-/usr/lib/postgresql/15/bin}
command=${1:-}
dir=${2:-}

usage() {
    echo "usage: pg-cluster.sh start|stop|pause|resume DIR (DIR under /tmp)" >&2
    exit 2
}
[[ -n $command && -n $dir ]] || usage
case $dir in
/tmp/?*) ;;
*) usage ;;
esac
if [[ $dir == *..* ]]; then
    usage
fi
if ((${#dir} > 80)); then
    echo "pg-cluster: $dir is too long for a Unix socket path" >&2
    exit 2
fi
if [[ ! -x $PG_BIN/pg_ctl ]]; then
    echo "pg-cluster: no PostgreSQL 15 in $PG_BIN: install postgresql-15 (tools/setup-debian.sh)" >&2
    exit 1
fi

# as_owner CMD...: runs CMD as the user the cluster belongs to.
if [[ $(id -u) -eq 0 ]]; then
    as_owner() { runuser -u postgres -- "$@"; }
    owner=postgres
else
    as_owner() { "$@"; }
    owner=$(id -un)
fi

stop_cluster() {
    if [[ -f $dir/data/postmaster.pid ]]; then
        # immediate: nothing in a throwaway cluster is worth a checkpoint
        as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
        if [[ -f $dir/data/postmaster.pid ]]; then
            # pg_ctl could not stop it (the folder was half removed): end the
            # postmaster by the pid it recorded, and only if it is a postgres
            pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
            if [[ $pid =~ ^[0-9]+$ ]] && grep -q postgres "/proc/$pid/comm" 2>/dev/null; then
                kill -QUIT "$pid" 2>/dev/null || true
                for _ in $(seq 50); do
                    kill -0 "$pid" 2>/dev/null || break
                    sleep 0.1
                done
            fi
        fi
    fi
    rm -rf "$dir"
}

# The postgres user may not be able to enter the folder this runs from.
cd /tmp

case $command in
start)
    stop_cluster
    mkdir -p "$dir/s"
    chmod 0700 "$dir"
    head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$dir/superuser.pw"
    chmod 0600 "$dir/superuser.pw"
    chown -R "$owner" "$dir"
    as_owner "$PG_BIN/initdb" -D "$dir/data" -U onramp_test_super --pwfile="$dir/superuser.pw" \
        --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir/s'
unix_socket_permissions = 0777
port = 5432
password_encryption = 'scram-sha-256'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
shared_buffers = 32MB
logging_collector = off
log_min_messages = warning
CONF
    if ! as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start >/dev/null; then
        cat "$dir/server.log" >&2 || true
        exit 1
    fi
    echo "pg-cluster: PostgreSQL 15 on $dir/s (socket only)"
    ;;
stop)
    stop_cluster
    echo "pg-cluster: stopped and removed $dir"
    ;;
pause)
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null
    echo "pg-cluster: paused $dir"
    ;;
resume)
    if ! as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start >/dev/null; then
        cat "$dir/server.log" >&2 || true
        exit 1
    fi
    echo "pg-cluster: resumed $dir"
    ;;
*) usage ;;
esac
