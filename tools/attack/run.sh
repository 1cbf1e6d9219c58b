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
source tools/lib/scratch-server.sh
PORT="${ATTACK_PORT:-18091}"
export ATTACK_PASSWORD="attack staple river 42"
scratch_binary "${ATTACK_CONFIG:-debug}" "${ATTACK_BIN:-}"
scratch_database attack "${1:-}"
SITE_A=$(psql "$DB_URL" -qAtc "INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'Attack A') RETURNING id")
SITE_B=$(psql "$DB_URL" -qAtc "INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'Attack B') RETURNING id")
printf '%s\n' "$ATTACK_PASSWORD" | "$BIN" user add admin --role admin --password-stdin >/dev/null
printf '%s\n' "$ATTACK_PASSWORD" | "$BIN" user add admin-a --role admin --site "$SITE_A" --password-stdin >/dev/null

ATRIUM_HTTP_HEADER_TIMEOUT=3s ATRIUM_HTTP_IDLE_TIMEOUT=3s ATRIUM_IMPORT_DIR="$WORK/imports" ATRIUM_AUDIT_CHECKPOINT_INTERVAL=1s \
    scratch_serve "$PORT" "$WORK/server.log"

python3 tools/attack/attack.py --url "http://127.0.0.1:$PORT" --admin admin --admin-a admin-a --password-env ATTACK_PASSWORD \
    --site-a "$SITE_A" --site-b "$SITE_B" --pid "$SERVER_PID" --header-timeout 3 --idle-timeout 3
