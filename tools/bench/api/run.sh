#!/usr/bin/env bash
# Benchmarks the twin REST API on loopback with wrk (Debian package `wrk`).
#
#   tools/bench/api/run.sh [postgres-server-url]
#
# Builds `atrium` in release (or uses BENCH_BIN), creates a scratch database, migrates it,
# imports samples/atrium-dc.ifc with `atrium import`, creates a global viewer, starts
# `atrium serve`, logs in, then measures with `wrk --latency`:
#   1. GET /v1/assets/{id}                                  (one device, JSON, revision ETag)
#   2. GET /v1/buildings/{id}/assets/nearest?x&y&z&kind=rack&limit=5   (PostGIS KNN)
#   3. GET /v1/buildings/{id}/assets/near?x&y&z&radius=3                (GiST box prefilter + exact box distance)
#   4. the same with radius=10: far more candidates than the default limit of 100
# Prints requests/s, latency percentiles and the server's CPU time per request (utime+stime of
# `atrium serve` over the run / completed requests: unlike req/s, it barely moves when other
# work shares the cores; PostgreSQL's share is not included), then drops the database. Documents go to the
# MongoDB database `atrium` of the server given (the import writes there; they are left).
set -euo pipefail
cd "$(dirname "$0")/../../.."
SERVER_URL="${1:-${ATRIUM_TEST_DATABASE_URL:-postgres://atrium@127.0.0.1:55432/postgres?sslmode=disable}}"
MONGO_URI="${ATRIUM_TEST_MONGODB_URI:-mongodb://127.0.0.1:57017}"
DURATION="${BENCH_DURATION:-15s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
PORT="${BENCH_PORT:-18091}"
DB="bench_api_$$"
SERVER_BASE="${SERVER_URL%%\?*}"
QUERY="${SERVER_URL#"$SERVER_BASE"}"
DB_URL="${SERVER_BASE%/*}/$DB$QUERY"
PASSWORD="bench staple river 42"
SAMPLE="${BENCH_SAMPLE:-samples/atrium-dc.ifc}"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is not installed (apt-get install postgresql-client)" >&2; exit 1; }
if [ -n "${BENCH_BIN:-}" ]; then
    BIN="$BENCH_BIN"   # an already built binary (the caller vouches it is current)
else
    swift build -c release --product atrium >/dev/null
    BIN="$(swift build -c release --show-bin-path)/atrium"
fi

psql "$SERVER_URL" -qc "CREATE DATABASE $DB" >/dev/null
SERVER_PID=""
WORK=$(mktemp -d)
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    psql "$SERVER_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

export ATRIUM_DATABASE_URL="$DB_URL" ATRIUM_MONGODB_URI="$MONGO_URI" ATRIUM_IMPORT_DIR="$WORK/imports"
export ATRIUM_ACCESS_TOKEN_TTL=3600 ATRIUM_LOG_LEVEL=error
"$BIN" migrate >/dev/null 2>&1
printf '%s\n' "$PASSWORD" | "$BIN" user add bench --role viewer --password-stdin >/dev/null
echo "== import $SAMPLE =="
/usr/bin/time -f "import wall %es, peak RSS %MkB" "$BIN" import "$SAMPLE" --user bench-api 2>&1 >/dev/null | tail -1

"$BIN" serve --listen "127.0.0.1:$PORT" --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$PORT/health/live" >/dev/null && break; sleep 0.2; done

LOGIN_BODY="{\"username\":\"bench\",\"password\":\"$PASSWORD\"}"
TOKEN=$(curl -fs -X POST -H 'Content-Type: application/json' -d "$LOGIN_BODY" "http://127.0.0.1:$PORT/v1/auth/login" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
AUTH="Authorization: Bearer $TOKEN"
ASSET_JSON=$(curl -fs -H "$AUTH" "http://127.0.0.1:$PORT/v1/assets?kind=device&limit=1&fields=id,building_id,position")
ASSET=$(echo "$ASSET_JSON" | sed -E 's/.*"id":"([^"]+)".*/\1/')
BUILDING=$(echo "$ASSET_JSON" | sed -E 's/.*"building_id":"([^"]+)".*/\1/')
X=$(echo "$ASSET_JSON" | sed -E 's/.*"x":([-0-9.e]+).*/\1/'); Y=$(echo "$ASSET_JSON" | sed -E 's/.*"y":([-0-9.e]+).*/\1/')
Z=$(echo "$ASSET_JSON" | sed -E 's/.*"z":([-0-9.e]+).*/\1/')
echo "asset $ASSET in building $BUILDING at ($X, $Y, $Z)"
ASSET_URL="http://127.0.0.1:$PORT/v1/assets/$ASSET"
NEAREST_URL="http://127.0.0.1:$PORT/v1/buildings/$BUILDING/assets/nearest?x=$X&y=$Y&z=$Z&kind=rack&limit=5"
NEAR_URL="http://127.0.0.1:$PORT/v1/buildings/$BUILDING/assets/near?x=$X&y=$Y&z=$Z&radius=3"
NEAR10_URL="http://127.0.0.1:$PORT/v1/buildings/$BUILDING/assets/near?x=$X&y=$Y&z=$Z&radius=10"
BOX_URL="http://127.0.0.1:$PORT/v1/buildings/$BUILDING/assets/in-box?bbox=$X,$Y,$Z,$(python3 -c "print($X+3, $Y+3, $Z+2, sep=',')")"
TREE_URL="http://127.0.0.1:$PORT/v1/buildings/$BUILDING/tree"
FULL_TREE_URL="http://127.0.0.1:$PORT/v1/buildings/$BUILDING/tree?include=assets"
# The first spatial question loads the building's index from PostgreSQL; the rest use memory.
cold=$(curl -fs -o /dev/null -w '%{time_total}' -H "$AUTH" "$NEAR_URL")
warm=$(curl -fs -o /dev/null -w '%{time_total}' -H "$AUTH" "$NEAR_URL")
echo "near r=3, one request: first (loads the building's index) ${cold}s, next ${warm}s"
for url in "$ASSET_URL" "$NEAREST_URL" "$NEAR_URL" "$NEAR10_URL" "$BOX_URL" "$FULL_TREE_URL"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$url")
    [ "$code" = 200 ] || { echo "GET $url answered $code" >&2; exit 1; }
done

# The outline's first answer is built by PostgreSQL (a cold building cache), the next from memory.
cold=$(curl -fs -o /dev/null -w '%{time_total}' -H "$AUTH" "$TREE_URL")
warm=$(curl -fs -o /dev/null -w '%{time_total}' -H "$AUTH" "$TREE_URL")
echo "tree outline, one request: first (built by PostgreSQL) ${cold}s, next (cached) ${warm}s"

summary() { grep -E 'Requests/sec|Non-2xx|  50%|  90%|  99%' || true; }
server_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
run() {
    local before after out
    before=$(server_ticks)
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$AUTH" "$1")
    after=$(server_ticks)
    echo "$out" | summary
    echo "$out" | awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
        '/requests in/ { printf "server CPU: %.2f ms/request\n", ticks * 1000 / hz / $1 }'
}
echo "== warm-up =="
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "$AUTH" "$ASSET_URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "$AUTH" "$NEAREST_URL" >/dev/null
echo "== baseline: GET /health/live (no auth, no database) =="
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT/health/live" | summary
echo "== GET /v1/assets/{id} ($CONNECTIONS connections, $DURATION) =="
run "$ASSET_URL"
echo "== GET /v1/buildings/{id}/assets/nearest?kind=rack&limit=5 =="
run "$NEAREST_URL"
echo "== GET /v1/buildings/{id}/assets/near?radius=3 =="
run "$NEAR_URL"
echo "== GET /v1/buildings/{id}/assets/near?radius=10 (more candidates than the limit) =="
run "$NEAR10_URL"
echo "== GET /v1/buildings/{id}/assets/in-box (3 x 3 x 2 m) =="
run "$BOX_URL"
echo "== GET /v1/buildings/{id}/tree (the navigator outline, $(curl -fs -H "$AUTH" "$TREE_URL" | wc -c) bytes) =="
run "$TREE_URL"
echo "== GET /v1/buildings/{id}/tree?include=assets (every asset, $(curl -fs -H "$AUTH" "$FULL_TREE_URL" | wc -c) bytes) =="
run "$FULL_TREE_URL"
echo "(cores: $(nproc); load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
