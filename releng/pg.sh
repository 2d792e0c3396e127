#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests (Debian's PostgreSQL 15, /usr/lib/postgresql/15/bin):
#   releng/pg.sh start DIR   initialises an unprivileged cluster in DIR/data (as the postgres OS user when run as
#                            root), with TLS on (a self-signed CA and a server certificate for 127.0.0.1 made by
#                            openssl in DIR/tls), starts it on 127.0.0.1 and a free port, creates the database
#                            seedbench, and prints export lines for the shell (eval "$(releng/pg.sh start DIR)"):
#                              SEEDBENCH_TEST_PG_URL=jdbc:postgresql://127.0.0.1:PORT/seedbench
#                              PGPASSFILE=DIR/pgpass (the password of every user of this cluster: no password in
#                                the URL; pgjdbc and psql read it from there)
#                              SEEDBENCH_TEST_PG_CA=DIR/tls/ca.crt (the CA that signed the server's certificate)
#                            The superuser is the user running this script (pgjdbc's default user); every role the
#                            tests create gets the same password, so the pgpass file's one line covers them all.
#   releng/pg.sh stop DIR    stops the cluster (DIR stays; delete it when done).
# DIR and its parents must be reachable by the postgres OS user when run as root (e.g. a folder under /tmp).
set -euo pipefail

bin=${SEEDBENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
verb=${1:-}
dir=${2:-}
if [ -z "$verb" ] || [ -z "$dir" ] || { [ "$verb" != start ] && [ "$verb" != stop ]; }; then
    echo "usage: releng/pg.sh start|stop DIR" >&2
    exit 2
fi
if [ ! -x "$bin/pg_ctl" ]; then
    echo "pg.sh: no PostgreSQL server in $bin; install it (apt-get install postgresql) or set SEEDBENCH_PG_BIN" >&2
    exit 3
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# runs a server program as the cluster's owner: postgres when we are root (the server refuses to run as root)
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if [ "$verb" = stop ]; then
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    exit 0
fi

user=$(id -un)
password=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
if [ -e "$dir/data" ]; then
    echo "pg.sh: $dir/data exists already; give an empty folder" >&2
    exit 3
fi

# TLS: a CA of its own and a certificate for 127.0.0.1 signed by it
mkdir -p "$dir/tls"
(
    cd "$dir/tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Seedbench test CA" \
        -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext \
        -out server.crt 2>/dev/null
    chmod 600 server.key ca.key
)

mkdir -p "$dir/data" "$dir/run"
printf '%s\n' "$password" >"$dir/pwfile"
chmod 600 "$dir/pwfile"
if [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$dir"
    chown postgres "$dir/data" "$dir/run" "$dir/pwfile" "$dir/tls/server.key" "$dir/tls/server.crt"
fi
as_owner "$bin/initdb" -D "$dir/data" -U "$user" --pwfile="$dir/pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { echo "pg.sh: initdb failed; see $dir/initdb.log" >&2; exit 1; }
rm -f "$dir/pwfile"
# TLS connections (hostssl) and plain ones (host) both need the password
cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/run'
ssl = on
ssl_cert_file = '$dir/tls/server.crt'
ssl_key_file = '$dir/tls/server.key'
max_connections = 200
fsync = off
CONF

started=
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( (RANDOM * 32768 + RANDOM) % 30000 + 20000 ))
    if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        continue
    fi
    if as_owner "$bin/pg_ctl" -D "$dir/data" -o "-p $port" -l "$dir/run/server.log" -w -t 60 start >/dev/null 2>&1; then
        started=1
        break
    fi
done
if [ -z "$started" ]; then
    echo "pg.sh: the server did not start; see $dir/run/server.log" >&2
    exit 1
fi
printf '127.0.0.1:%s:*:*:%s\nlocalhost:%s:*:*:%s\n' "$port" "$password" "$port" "$password" >"$dir/pgpass"
chmod 600 "$dir/pgpass"
PGPASSFILE="$dir/pgpass" "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" seedbench
echo "export SEEDBENCH_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/seedbench"
echo "export PGPASSFILE=$dir/pgpass"
echo "export SEEDBENCH_TEST_PG_CA=$dir/tls/ca.crt"
