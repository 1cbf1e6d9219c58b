# Helpers for scripts that run `atrium serve` over a throw-away database (tools/attack, tools/fuzz/http,
# tools/bench/readings, tools/bench/history). Source it, then:
#   scratch_binary CONFIG [PREBUILT]   sets BIN: PREBUILT if given, else builds atrium in CONFIG
#   scratch_database NAME [SERVER_URL] creates database NAME_<pid>; sets DB_URL and WORK (a temp dir),
#                                      exports ATRIUM_DATABASE_URL, ATRIUM_MONGODB_URI, ATRIUM_DATA_DIR,
#                                      ATRIUM_BCRYPT_COST=4, migrates; everything is removed on exit
#   scratch_serve PORT LOG             starts `atrium serve` on 127.0.0.1:PORT (extra ATRIUM_* from the
#                                      environment), sets SERVER_PID, waits until /health/ready answers
#   scratch_login PORT USER PASSWORD   prints an access token
# PostgreSQL and MongoDB must be running (tools/test or tools/demo start them).

scratch_binary() { # config [prebuilt]
    if [ -n "${2:-}" ]; then BIN="$2"; return; fi
    swift build -c "$1" --product atrium >/dev/null
    BIN="$(swift build -c "$1" --show-bin-path)/atrium"
}

scratch_database() { # name [server-url]
    SCRATCH_SERVER_URL="${2:-${ATRIUM_TEST_DATABASE_URL:-postgres://atrium@127.0.0.1:55432/postgres}}"
    SCRATCH_DB="${1}_$$"
    DB_URL="${SCRATCH_SERVER_URL%/*}/$SCRATCH_DB"
    WORK="$(mktemp -d)"
    SERVER_PID=""
    psql "$SCRATCH_SERVER_URL" -qc "CREATE DATABASE $SCRATCH_DB" >/dev/null
    trap scratch_cleanup EXIT
    export ATRIUM_DATABASE_URL="$DB_URL" ATRIUM_MONGODB_URI="${ATRIUM_TEST_MONGODB_URI:-mongodb://127.0.0.1:57017}"
    export ATRIUM_DATA_DIR="$WORK/data" ATRIUM_BCRYPT_COST=4
    "$BIN" migrate >/dev/null 2>&1
}

scratch_cleanup() {
    [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    psql "$SCRATCH_SERVER_URL" -qc "DROP DATABASE IF EXISTS $SCRATCH_DB WITH (FORCE)" >/dev/null || true
    rm -rf "$WORK"
}

scratch_serve() { # port log
    "$BIN" serve --listen "127.0.0.1:$1" --log-level error >"$2" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null && return 0; sleep 0.2; done
    echo "atrium serve did not become ready (log: $2)" >&2
    return 1
}

scratch_login() { # port user password
    curl -fs -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$2\",\"password\":\"$3\"}" \
        "http://127.0.0.1:$1/v1/auth/login" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
