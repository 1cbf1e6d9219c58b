#!/usr/bin/env bash
# Benchmarks Atrium authentication on loopback with wrk (Debian package `wrk`).
#
#   tools/bench-auth/run.sh [postgres-server-url]
#
# Builds `atrium` in release, creates a scratch database, migrates it, creates a
# user (bcrypt cost 12, the production default), starts `atrium serve` with the
# benchmark route pair enabled, then measures:
#   1. login throughput (POST /v1/auth/login, bcrypt-bound);
#   2. GET /v1/bench/open (public) vs GET /v1/bench/secured (JWT + user lookup +
#      permission + scope): the same scoped audit read, so the ratio is the cost
#      of authentication and authorization.
# Prints a summary and drops the database. Secrets only ever live in this shell.
set -euo pipefail
cd "$(dirname "$0")/../.."
SERVER_URL="${1:-${ATRIUM_TEST_DATABASE_URL:-postgres://atrium@127.0.0.1:55432/postgres}}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
PORT="${BENCH_PORT:-18089}"
DB="bench_auth_$$"
BASE="${SERVER_URL%/*}"
DB_URL="$BASE/$DB"
PASSWORD="bench staple river 42"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
CONFIG="${BENCH_CONFIG:-release}"
if [ -n "${BENCH_BIN:-}" ]; then
    BIN="$BENCH_BIN"   # an already built binary (skips the build; the caller vouches it is current)
else
    swift build -c "$CONFIG" --product atrium >/dev/null
    BIN="$(swift build -c "$CONFIG" --show-bin-path)/atrium"
fi

psql "$SERVER_URL" -qc "CREATE DATABASE $DB" >/dev/null
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    psql "$SERVER_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
}
trap cleanup EXIT

export ATRIUM_DATABASE_URL="$DB_URL"
"$BIN" migrate >/dev/null
printf '%s\n' "$PASSWORD" | "$BIN" user add bench --role auditor --password-stdin >/dev/null

ATRIUM_BENCH_ROUTES=1 ATRIUM_MONGODB_URI="${ATRIUM_TEST_MONGODB_URI:-mongodb://127.0.0.1:57017}" \
    "$BIN" serve --listen "127.0.0.1:$PORT" --log-level error >/tmp/bench-auth-server.log 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health/live" >/dev/null && break; sleep 0.2; done

LOGIN_BODY="{\"username\":\"bench\",\"password\":\"$PASSWORD\"}"
TOKEN=$(curl -fs -X POST -H 'Content-Type: application/json' -d "$LOGIN_BODY" "http://127.0.0.1:$PORT/v1/auth/login" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
# Seed some audit rows so the read returns a full page.
for _ in $(seq 1 10); do curl -fs -X POST -H 'Content-Type: application/json' -d "$LOGIN_BODY" "http://127.0.0.1:$PORT/v1/auth/login" >/dev/null; done

LUA=$(mktemp)
cat >"$LUA" <<LUAEOF
wrk.method = "POST"
wrk.body = '$LOGIN_BODY'
wrk.headers["Content-Type"] = "application/json"
LUAEOF

rps() { grep -E '^Requests/sec' | awk '{print $2}'; }
requests() { grep -E ' requests in ' | awk '{print $1}'; }
# Server CPU time (user + system, clock ticks) from /proc: CPU per request is far less
# sensitive than throughput to other processes competing for the same cores.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))
run() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@"; }

echo "== login (bcrypt cost 12) =="
LOGIN_OUT=$(wrk -t2 -c4 -d"$DURATION" -s "$LUA" "http://127.0.0.1:$PORT/v1/auth/login")
echo "$LOGIN_OUT" | grep -E 'Requests/sec|Latency|Non-2xx' || true
echo "== warm-up =="
run "http://127.0.0.1:$PORT/v1/bench/open" >/dev/null
run -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/v1/bench/secured" >/dev/null
# Alternate the two routes BENCH_ROUNDS times so load from other processes hits both alike;
# the ratio is taken over the summed requests of all rounds.
ROUNDS="${BENCH_ROUNDS:-1}"
OPEN_ALL=""; SECURED_ALL=""; OPEN_CPU=0; OPEN_REQ=0; SECURED_CPU=0; SECURED_REQ=0
for round in $(seq 1 "$ROUNDS"); do
    echo "== round $round: GET /v1/bench/open (public) =="
    C0=$(cpu_ticks)
    OPEN_OUT=$(run "http://127.0.0.1:$PORT/v1/bench/open"); echo "$OPEN_OUT" | grep -E 'Requests/sec|Latency|Non-2xx|  50%|  99%' || true
    C1=$(cpu_ticks)
    echo "== round $round: GET /v1/bench/secured (JWT + authz + scope) =="
    SECURED_OUT=$(run -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/v1/bench/secured")
    echo "$SECURED_OUT" | grep -E 'Requests/sec|Latency|Non-2xx|  50%|  99%' || true
    C2=$(cpu_ticks)
    OPEN_ALL="$OPEN_ALL $(echo "$OPEN_OUT" | rps)"; SECURED_ALL="$SECURED_ALL $(echo "$SECURED_OUT" | rps)"
    OPEN_CPU=$((OPEN_CPU + C1 - C0)); SECURED_CPU=$((SECURED_CPU + C2 - C1))
    OPEN_REQ=$((OPEN_REQ + $(echo "$OPEN_OUT" | requests))); SECURED_REQ=$((SECURED_REQ + $(echo "$SECURED_OUT" | requests)))
done

LOGIN_RPS=$(echo "$LOGIN_OUT" | rps)
echo
echo "login/s: $LOGIN_RPS"
echo "open req/s per round:$OPEN_ALL"
echo "secured req/s per round:$SECURED_ALL"
awk -v o="$OPEN_ALL" -v s="$SECURED_ALL" 'BEGIN {
    n = split(o, os, " "); split(s, ss, " "); to = 0; ts = 0
    for (i = 1; i <= n; i++) { to += os[i]; ts += ss[i] }
    printf "open req/s: %.1f   secured req/s: %.1f   (mean of %d rounds)\n", to / n, ts / n, n
    printf "auth overhead: %.1f%% (throughput ratio secured/open = %.3f)\n", (to / ts - 1) * 100, ts / to }'
awk -v oc="$OPEN_CPU" -v orq="$OPEN_REQ" -v sc="$SECURED_CPU" -v srq="$SECURED_REQ" -v t="$TICK_US" 'BEGIN {
    o = oc * t / orq; s = sc * t / srq
    printf "server CPU per request: open %.0f us, secured %.0f us -> auth overhead %.1f%% of CPU\n", o, s, (s / o - 1) * 100 }'
rm -f "$LUA"
