#!/usr/bin/env bash
# Live overlays under load: `atrium serve` (release) with a model imported, 1,000 WebSocket clients
# each watching a box around a row of racks (immediate), 100 watching a floor at 250 ms, one that
# never reads, while 20,000 readings/s are posted over HTTP. Prints latency (reading frame arrival
# − the reading's own time, set when posted), frames/s, staleness of the coalesced clients, and the
# server's RSS at the start and end of the load (flat = the stalled client costs nothing).
#
#   tools/bench/live/run.sh [postgres-server-url]
#   BENCH_SAMPLE=/tmp/campus/atrium-campus-3b-500r.ifc (default samples/atrium-dc.ifc),
#   BENCH_SUBSCRIBERS=1000 BENCH_FLOORS=100 BENCH_RATE=20000 BENCH_SECONDS=20, BENCH_BIN (a built atrium),
#   BENCH_SERVER_LOG (keep the server's log there), BENCH_STALLED=0 (no client that never reads),
#   BENCH_PERF=1 (perf record of the server for 8 s of the load, into BENCH_PERF_OUT; =all: every process)
set -euo pipefail
cd "$(dirname "$0")/../../.."
SERVER_URL="${1:-${ATRIUM_TEST_DATABASE_URL:-postgres://atrium@127.0.0.1:55432/postgres?sslmode=disable}}"
MONGO_URI="${ATRIUM_TEST_MONGODB_URI:-mongodb://127.0.0.1:57017}"
PORT="${BENCH_PORT:-18093}"
DB="bench_live_$$"
SERVER_BASE="${SERVER_URL%%\?*}"
QUERY="${SERVER_URL#"$SERVER_BASE"}"
DB_URL="${SERVER_BASE%/*}/$DB$QUERY"
PASSWORD="bench staple river 42"
SAMPLE="${BENCH_SAMPLE:-samples/atrium-dc.ifc}"
if [ -n "${BENCH_BIN:-}" ]; then BIN="$BENCH_BIN"; else
    swift build -c release --product atrium >/dev/null
    BIN="$(swift build -c release --show-bin-path)/atrium"
fi
swift build -c release --package-path tools/bench --product live-bench >/dev/null
LOAD="$(swift build -c release --package-path tools/bench --show-bin-path)/live-bench"

psql "$SERVER_URL" -qc "CREATE DATABASE $DB" >/dev/null
SERVER_PID=""
WORK=$(mktemp -d)
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [ -n "${BENCH_SERVER_LOG:-}" ]; then cp "$WORK/server.log" "$BENCH_SERVER_LOG" 2>/dev/null || true; fi
    psql "$SERVER_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
export ATRIUM_DATABASE_URL="$DB_URL" ATRIUM_MONGODB_URI="$MONGO_URI" ATRIUM_IMPORT_DIR="$WORK/imports"
export ATRIUM_ACCESS_TOKEN_TTL=3600 ATRIUM_LOG_LEVEL=error ATRIUM_MAX_CONNECTIONS_PER_ADDRESS=5000
"$BIN" migrate >/dev/null 2>&1
printf '%s\n' "$PASSWORD" | "$BIN" user add bench --role admin --password-stdin >/dev/null
echo "== import $SAMPLE =="
/usr/bin/time -f "import wall %es" "$BIN" import "$SAMPLE" --user bench-live 2>&1 >/dev/null | tail -1
"$BIN" serve --listen "127.0.0.1:$PORT" --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$PORT/health/live" >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$SERVER_PID/status"; }
ulimit -n 65536 2>/dev/null || true
"$LOAD" "http://127.0.0.1:$PORT" bench "$PASSWORD" "${BENCH_SUBSCRIBERS:-1000}" "${BENCH_FLOORS:-100}" \
    "${BENCH_RATE:-20000}" "${BENCH_SECONDS:-20}" | while IFS= read -r line; do
    case "$line" in
        "SERVER_RSS_MARK "*)
            echo "server RSS at ${line#SERVER_RSS_MARK }: $(rss)"
            # BENCH_PERF=1: a CPU profile of the server during the load (perf report -i $BENCH_PERF_OUT).
            if [ "${line#SERVER_RSS_MARK }" = start ] && [ -n "${BENCH_PERF:-}" ]; then
                target=(-p "$SERVER_PID"); [ "$BENCH_PERF" = all ] && target=(-a)
                perf record -F 499 -g "${target[@]}" -o "${BENCH_PERF_OUT:-/tmp/live-bench.perf}" -- sleep 8 >/dev/null 2>&1 &
            fi ;;
        *) echo "$line" ;;
    esac
done
echo "(cores: $(nproc); load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
