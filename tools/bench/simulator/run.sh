#!/usr/bin/env bash
# The simulator as a load generator: `atrium simulate` pinned to one core (taskset -c 0) publishing
# a model's points to a private Mosquitto (pinned to the other core) at QoS 1, against two figures
# from the same run on the same core: the plant's own generation rate (--output /dev/null: physics,
# schedule and encoding, no network), and `atrium mqtt publish` sending pre-built payloads of the
# same shape (the broker's acceptance ceiling for those messages). A release `atrium serve` only
# answers the simulator's REST reads (no MQTT subscription, so it takes no CPU during the run).
#
#   tools/bench/simulator/run.sh [postgres-server-url]
#   BENCH_SAMPLE=/tmp/campus/atrium-campus-3b-500r.ifc (default samples/atrium-dc.ifc; tools/samplegen --campus makes it),
#   BENCH_SPEED=3000 BENCH_SECONDS=20 BENCH_BIN (a built atrium),
#   BENCH_INGEST_SPEED=600 (then the simulator as the ingest benchmark's load: the server subscribed to
#   the broker, every published reading counted until it is durable in PostgreSQL; 0 skips it)
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tools/lib/services.sh
source tools/lib/scratch-server.sh
PORT="${BENCH_PORT:-18094}"
MQTT_PORT="${BENCH_MQTT_PORT:-18895}"
PASSWORD="bench staple river 42"
SAMPLE="${BENCH_SAMPLE:-samples/atrium-dc.ifc}"
SPEED="${BENCH_SPEED:-3000}"
SECONDS_RUN="${BENCH_SECONDS:-20}"
scratch_binary release "${BENCH_BIN:-}"
scratch_database bench_sim "${1:-}"
trap 'mosquitto_stop "$WORK/mqtt" 2>/dev/null || true; scratch_cleanup' EXIT
export ATRIUM_ACCESS_TOKEN_TTL=3600 ATRIUM_LOG_LEVEL=error
printf '%s\n' "$PASSWORD" | "$BIN" user add bench --role admin --password-stdin >/dev/null
echo "== import $SAMPLE =="
/usr/bin/time -f "import wall %es" "$BIN" import "$SAMPLE" --user bench-sim 2>&1 >/dev/null | tail -1
scratch_serve "$PORT" "$WORK/server.log"
# The point sweep runs at start: wait until the points are there.
TOKEN=$(scratch_login "$PORT" bench "$PASSWORD")
export ATRIUM_API_KEY=$(curl -fs -X POST -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d '{"name":"bench","permissions":["assets.read"]}' "http://127.0.0.1:$PORT/v1/api-keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
export ATRIUM_URL="http://127.0.0.1:$PORT"
# Every building of the model as one plant (BENCH_BUILDING=NAME for one).
BUILDING="${BENCH_BUILDING:-all}"
POINTS=$(python3 - "$ATRIUM_URL" "$ATRIUM_API_KEY" <<'PY'
import json, sys, urllib.request
base, key = sys.argv[1:]
count, cursor = 0, None
while True:
    url = base + "/v1/points?fields=id&limit=1000" + ("&cursor=" + cursor if cursor else "")
    page = json.load(urllib.request.urlopen(urllib.request.Request(url, headers={"X-API-Key": key})))
    count += len(page["items"])
    cursor = page["next_cursor"]
    if not cursor: break
print(count)
PY
)
echo "buildings: $BUILDING, $POINTS points in the model; simulator and publisher on core 0, Mosquitto on core 1 ($(nproc) cores)"
mosquitto_start "$WORK/mqtt" "$MQTT_PORT" bench bench-secret >/dev/null
taskset -cp 1 "$(cat "$WORK/mqtt/mosquitto.pid")" >/dev/null 2>&1 || true
MQTT_URL="mqtt://bench:bench-secret@127.0.0.1:$MQTT_PORT"
PER_MESSAGE=$(python3 -c "print(max(1, round($SPEED * 0.1 / 60)))")

echo "== generation only: --output /dev/null, $((SPEED * SECONDS_RUN)) simulated seconds =="
taskset -c 0 "$BIN" simulate --building "$BUILDING" --seed 1 --output /dev/null --duration "$((SPEED * SECONDS_RUN))" 2>&1 | tail -1

echo "== peer: atrium mqtt publish, pre-built payloads of $PER_MESSAGE readings over $POINTS topics, QoS 1 =="
taskset -c 0 "$BIN" mqtt publish --url "$MQTT_URL" --topic 'bench/p{n}' --points "$POINTS" --batch "$PER_MESSAGE" \
    --messages "$((POINTS * 20))" --window 4000 --age 60 | tail -1

echo "== atrium simulate --speed $SPEED for $SECONDS_RUN s (one core) =="
/usr/bin/time -f "simulator CPU: user %Us + system %Ss over %es wall = %P of one core" \
    taskset -c 0 "$BIN" simulate --building "$BUILDING" --seed 1 --speed "$SPEED" --mqtt-url "$MQTT_URL" --duration "$SECONDS_RUN" --quiet 2>&1 \
    | while IFS= read -r line; do
        echo "$line"
        case "$line" in *"stopped: "*)
            readings=$(echo "$line" | sed -E 's/.*stopped: ([0-9]+) readings.*/\1/')
            acked=$(echo "$line" | sed -E 's/.* ([0-9]+) acknowledged.*/\1/')
            python3 -c "print('simulator: %.0f readings/s published, %.0f messages acknowledged/s over %d s' % ($readings / $SECONDS_RUN, $acked / $SECONDS_RUN, $SECONDS_RUN))" ;;
        esac
    done

INGEST_SPEED="${BENCH_INGEST_SPEED:-600}"
if [ "$INGEST_SPEED" != 0 ]; then
    echo "== ingest under the simulator: atrium serve subscribed, simulate --speed $INGEST_SPEED for $SECONDS_RUN s, until durable =="
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
    ATRIUM_MQTT_URL="$MQTT_URL" scratch_serve "$PORT" "$WORK/server-mqtt.log"
    mqtt_field() { curl -fs "http://127.0.0.1:$PORT/health/ready" | python3 -c "import json,sys; print(json.load(sys.stdin)['details']['mqtt'].get('$1', 0))" 2>/dev/null || echo 0; }
    for _ in $(seq 1 300); do [ "$(mqtt_field subscribed)" = 1 ] && break; sleep 0.2; done
    BEFORE=$(psql "$DB_URL" -Atc "SELECT count(*) FROM readings")
    START=$(date +%s.%N)
    OUT=$(taskset -c 0 "$BIN" simulate --building "$BUILDING" --seed 2 --speed "$INGEST_SPEED" --mqtt-url "$MQTT_URL" --duration "$SECONDS_RUN" --quiet 2>&1 | tail -1)
    echo "$OUT"
    PUBLISHED=$(echo "$OUT" | sed -E 's/.*stopped: ([0-9]+) readings.*/\1/')
    for _ in $(seq 1 600); do
        STORED=$(( $(psql "$DB_URL" -Atc "SELECT count(*) FROM readings") - BEFORE ))
        [ "$STORED" -ge "$PUBLISHED" ] && break; sleep 0.5
    done
    END=$(date +%s.%N)
    python3 -c "
published, stored, seconds = $PUBLISHED, $STORED, $END - $START
print('ingest: %d published, %d durable in PostgreSQL (%s) after %.1f s = %.0f readings/s end to end' % (
    published, stored, 'none lost' if stored >= published else '%d missing' % (published - stored), seconds, stored / seconds))"
fi
echo "(load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
