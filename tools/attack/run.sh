#!/usr/bin/env bash
# The security battery's abuse cases (issue 21) against a freshly started local server.
#
#   tools/attack/run.sh [postgres-server-url]
#
# Builds `atrium` (debug unless ATTACK_CONFIG=release; ATTACK_BIN=path skips the build), creates
# a scratch database with two sites, a global admin and a site-A admin, starts `atrium serve` with
# short connection timeouts (3 s) and runs tools/attack/attack.py: NUL and control characters in
# every kind of input, NUL passwords, raw-socket header/half-sent/idle cases, the login throttle,
# the key-named-like-a-user leak, four concurrent gzip bombs with the server's RSS watched,
# request ids and the audit chain against its signed checkpoints. Prints what held; exit 1 if not all.
# PostgreSQL and MongoDB must be running (tools/test or tools/demo start them).
set -euo pipefail
cd "$(dirname "$0")/../.."
SERVER_URL="${1:-${ATRIUM_TEST_DATABASE_URL:-postgres://atrium@127.0.0.1:55432/postgres}}"
MONGO_URI="${ATRIUM_TEST_MONGODB_URI:-mongodb://127.0.0.1:57017}"
PORT="${ATTACK_PORT:-18091}"
DB="attack_$$"
DB_URL="${SERVER_URL%/*}/$DB"
export ATTACK_PASSWORD="attack staple river 42"
CONFIG="${ATTACK_CONFIG:-debug}"
if [ -n "${ATTACK_BIN:-}" ]; then
    BIN="$ATTACK_BIN"
else
    swift build -c "$CONFIG" --product atrium >/dev/null
    BIN="$(swift build -c "$CONFIG" --show-bin-path)/atrium"
fi
DATA="$(mktemp -d)"
psql "$SERVER_URL" -qc "CREATE DATABASE $DB" >/dev/null
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    psql "$SERVER_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
    rm -rf "$DATA"
}
trap cleanup EXIT

export ATRIUM_DATABASE_URL="$DB_URL" ATRIUM_MONGODB_URI="$MONGO_URI" ATRIUM_DATA_DIR="$DATA" ATRIUM_BCRYPT_COST=4
"$BIN" migrate >/dev/null
SITE_A=$(psql "$DB_URL" -qAtc "INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'Attack A') RETURNING id")
SITE_B=$(psql "$DB_URL" -qAtc "INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'Attack B') RETURNING id")
printf '%s\n' "$ATTACK_PASSWORD" | "$BIN" user add admin --role admin --password-stdin >/dev/null
printf '%s\n' "$ATTACK_PASSWORD" | "$BIN" user add admin-a --role admin --site "$SITE_A" --password-stdin >/dev/null

ATRIUM_HTTP_HEADER_TIMEOUT=3s ATRIUM_HTTP_IDLE_TIMEOUT=3s ATRIUM_IMPORT_DIR="$DATA/imports" ATRIUM_AUDIT_CHECKPOINT_INTERVAL=1s \
    "$BIN" serve --listen "127.0.0.1:$PORT" --log-level error >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.2; done

python3 tools/attack/attack.py --url "http://127.0.0.1:$PORT" --admin admin --admin-a admin-a --password-env ATTACK_PASSWORD \
    --site-a "$SITE_A" --site-b "$SITE_B" --pid "$SERVER_PID" --header-timeout 3 --idle-timeout 3
