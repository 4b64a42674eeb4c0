# shellcheck shell=bash
# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh`): starts a throwaway PostgreSQL
# cluster for the ledger's PostgreSQL tests, reachable over TLS only, and exports
#   MUSICID_TEST_POSTGRES_URL=postgres://musicid@127.0.0.1:54329/musicid_test?sslmode=verify-full&sslrootcert=DIR/tls/ca.crt
#   MUSICID_TEST_POSTGRES_OTHER_CA=DIR/tls/other-ca.crt   a CA that did not sign the server's certificate
#   MUSICID_TEST_POSTGRES_RESTART='…'                     a command that restarts the server at once
#                                                         (`pg_ctl restart -m immediate`: a crash)
#   MUSICID_TEST_POSTGRES_PASSWORD_USER=musicid_password  a role that must give a password
#                                                         (scram-sha-256; the other roles are trusted)
# The cluster lives in a `mktemp -d` folder and is stopped and removed when the shell exits
# (`musicid_pg_stop`, chained onto any EXIT trap already set).
#
# - TLS: a CA and a server certificate for 127.0.0.1 and localhost, made with the openssl command
#   (installed from Debian's packages when missing); `ssl=on`, and pg_hba.conf accepts TCP
#   connections with TLS only, so every test that reaches the server does so over TLS.
# - MUSICID_PG_FSYNC=on starts the server with fsync=on (the default here is off: a throwaway
#   cluster need not survive a power cut), for figures on a durable setting.
# - When MUSICID_TEST_POSTGRES_URL is already set, nothing is started: the tests use that server.
# - PostgreSQL comes from Debian's packages when `initdb`/`pg_ctl` are missing; on Debian the
#   binaries live in /usr/lib/postgresql/<version>/bin, which is searched too.
# - PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user (created
#   when missing).
# - MUSICID_PG_PORT overrides the port (default 54329).
set -euo pipefail

musicid_pg_port="${MUSICID_PG_PORT:-54329}"
musicid_pg_data=""
musicid_pg_user=""
musicid_pg_bin=""

# Prints the folder holding initdb and pg_ctl, newest version first; fails when there is none.
musicid_pg_find_bin() {
    local candidate
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    for candidate in $(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

# Runs a command as the cluster's owner (root only starts it; the server never runs as root).
musicid_pg_run() {
    if [ -z "$musicid_pg_user" ]; then
        (cd / && "$@")
    elif command -v runuser >/dev/null 2>&1; then
        (cd / && runuser -u "$musicid_pg_user" -- "$@")
    else
        (cd / && su -s /bin/sh "$musicid_pg_user" -c "$(printf '%q ' "$@")")
    fi
}

# Makes the test CA, a second CA that signed nothing the server shows, and the server's key and
# certificate (127.0.0.1 and localhost) in $1.
musicid_pg_certificates() {
    local dir="$1"
    if ! command -v openssl >/dev/null 2>&1; then
        echo "postgres.sh: installing openssl from Debian's packages" >&2
        if [ "${apt_updated:-0}" = 0 ]; then
            apt-get update -qq
            apt_updated=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
    fi
    mkdir -p "$dir"
    local name
    for name in ca other-ca; do
        openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
            -subj "/CN=musicid test $name" \
            -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
            -keyout "$dir/$name.key" -out "$dir/$name.crt" 2>/dev/null
    done
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -subj "/CN=127.0.0.1" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=critical,CA:FALSE" \
        "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" >"$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
        -days 7 -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
    chmod 600 "$dir/server.key"
    if [ -n "$musicid_pg_user" ]; then
        chown "$musicid_pg_user" "$dir/server.key" "$dir/server.crt"
    fi
}

musicid_pg_stop() {
    if [ -n "$musicid_pg_data" ] && [ -d "$musicid_pg_data" ]; then
        musicid_pg_run "$musicid_pg_bin/pg_ctl" -D "$musicid_pg_data/cluster" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$musicid_pg_data"
    fi
    musicid_pg_data=""
}

musicid_pg_start() {
    if ! musicid_pg_bin="$(musicid_pg_find_bin)"; then
        echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
        # Only the binaries are wanted: no distribution cluster started on the default port.
        mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/musicid-ci.conf
        if [ "${apt_updated:-0}" = 0 ]; then
            apt-get update -qq
            apt_updated=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        musicid_pg_bin="$(musicid_pg_find_bin)"
    fi

    if [ "$(id -u)" = 0 ]; then
        musicid_pg_user=postgres
        if ! id -u "$musicid_pg_user" >/dev/null 2>&1; then
            useradd --system --no-create-home --shell /usr/sbin/nologin "$musicid_pg_user"
        fi
    fi

    musicid_pg_data="$(mktemp -d)"
    chmod 755 "$musicid_pg_data"
    if [ -n "$musicid_pg_user" ]; then
        chown "$musicid_pg_user" "$musicid_pg_data"
    fi

    musicid_pg_run "$musicid_pg_bin/initdb" -D "$musicid_pg_data/cluster" -U musicid \
        --auth=trust --encoding=UTF8 --no-locale >"$musicid_pg_data/initdb.log" 2>&1 || {
        cat "$musicid_pg_data/initdb.log" >&2
        return 1
    }
    local tls="$musicid_pg_data/tls"
    musicid_pg_certificates "$tls"
    # TCP only with TLS; the socket (the scripts' own administration) as before.
    printf '%s\n' \
        "local     all all                                trust" \
        "hostssl   all musicid_password 127.0.0.1/32      scram-sha-256" \
        "hostssl   all all              127.0.0.1/32      trust" \
        >"$musicid_pg_data/cluster/pg_hba.conf"
    # fsync=off unless MUSICID_PG_FSYNC=on: a throwaway cluster need not survive a power cut. In
    # the configuration file, not on the command line, so that a test may turn it on
    # (ALTER SYSTEM, which a command-line setting would override).
    echo "fsync = ${MUSICID_PG_FSYNC:-off}" >>"$musicid_pg_data/cluster/postgresql.conf"
    # The socket goes into the cluster's own folder: /var/run/postgresql may not exist or be ours.
    local options="-c listen_addresses=127.0.0.1 -p $musicid_pg_port -k $musicid_pg_data/cluster"
    options="$options -c ssl=on"
    options="$options -c ssl_cert_file=$tls/server.crt -c ssl_key_file=$tls/server.key"
    musicid_pg_run "$musicid_pg_bin/pg_ctl" -D "$musicid_pg_data/cluster" -w -t 60 \
        -l "$musicid_pg_data/cluster/server.log" -o "$options" start >/dev/null || {
        cat "$musicid_pg_data/cluster/server.log" >&2
        return 1
    }
    musicid_pg_run "$musicid_pg_bin/createdb" -h "$musicid_pg_data/cluster" -p "$musicid_pg_port" \
        -U musicid musicid_test
    musicid_pg_run "$musicid_pg_bin/psql" -q -h "$musicid_pg_data/cluster" -p "$musicid_pg_port" \
        -U musicid -d musicid_test -c "CREATE ROLE musicid_password LOGIN SUPERUSER PASSWORD 'the right one'"

    export MUSICID_TEST_POSTGRES_URL="postgres://musicid@127.0.0.1:${musicid_pg_port}/musicid_test?sslmode=verify-full&sslrootcert=$tls/ca.crt"
    export MUSICID_TEST_POSTGRES_OTHER_CA="$tls/other-ca.crt"
    export MUSICID_TEST_POSTGRES_PASSWORD_USER=musicid_password
    # pg_ctl restart keeps the options the server was started with (postmaster.opts).
    MUSICID_TEST_POSTGRES_RESTART="$(printf '%q ' "$musicid_pg_bin/pg_ctl" -D "$musicid_pg_data/cluster" \
        -m immediate -w -t 60 -l "$musicid_pg_data/cluster/server.log" restart)"
    if [ -n "$musicid_pg_user" ]; then
        MUSICID_TEST_POSTGRES_RESTART="cd / && runuser -u $musicid_pg_user -- $MUSICID_TEST_POSTGRES_RESTART"
    fi
    export MUSICID_TEST_POSTGRES_RESTART
    echo "postgres.sh: PostgreSQL $("$musicid_pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:${musicid_pg_port} (TLS, fsync=${MUSICID_PG_FSYNC:-off}); MUSICID_TEST_POSTGRES_URL=$MUSICID_TEST_POSTGRES_URL" >&2
}

# Runs musicid_pg_stop on exit, then whatever EXIT trap was set before this file was sourced.
musicid_pg_previous_exit_trap=""
musicid_pg_on_exit() {
    musicid_pg_stop
    if [ -n "$musicid_pg_previous_exit_trap" ]; then
        eval "$musicid_pg_previous_exit_trap"
    fi
}

if [ -n "${MUSICID_TEST_POSTGRES_URL:-}" ]; then
    echo "postgres.sh: MUSICID_TEST_POSTGRES_URL is already set; using that server" >&2
else
    eval "musicid_pg_trap_words=($(trap -p EXIT))"
    musicid_pg_previous_exit_trap="${musicid_pg_trap_words[2]:-}"
    trap musicid_pg_on_exit EXIT
    # An interrupted run still stops the cluster: the EXIT trap runs on these exits.
    if [ -z "$(trap -p INT)" ]; then trap 'exit 130' INT; fi
    if [ -z "$(trap -p TERM)" ]; then trap 'exit 143' TERM; fi
    musicid_pg_start
fi
