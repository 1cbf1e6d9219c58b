#!/usr/bin/env bash
# MQTT ingest against what `mosquitto_sub` alone receives from the same broker in the same run.
#
#   tools/bench/mqtt/run.sh [postgres-server-url]
#   SINGLE=600000 BATCHED=20000 BATCH=100 POINTS=1000 WINDOW=5000 (environment, defaults shown)
#
# Builds `atrium` in release (BENCH_BIN=path skips the build), makes a scratch database with POINTS
# points (external keys p1…), starts a private Mosquitto with a password file, then for each case
# (SINGLE messages of one reading; BATCHED messages of BATCH readings) publishes with
# `atrium mqtt publish` at QoS 1:
#   peer:   mosquitto_sub alone, QoS 1, until it has received every message;
#   atrium: `atrium serve` subscribed through $share/atrium, until every reading is in the spool
#           (acknowledged to the broker), and until every reading is in PostgreSQL.
# Prints the rates, the ratio to the peer and the server's peak RSS.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tools/lib/services.sh
source tools/lib/scratch-server.sh
SINGLE="${SINGLE:-600000}"
BATCHED="${BATCHED:-20000}"
BATCH="${BATCH:-100}"
POINTS="${POINTS:-1000}"
WINDOW="${WINDOW:-5000}"
PORT="${BENCH_PORT:-18096}"
scratch_binary release "${BENCH_BIN:-}"
scratch_database bench_mqtt "${1:-}"
trap 'mosquitto_stop "$WORK/mqtt"; scratch_cleanup' EXIT
SITE=$(psql "$DB_URL" -qAtc "INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'Bench') RETURNING id")
psql "$DB_URL" -qc "INSERT INTO points (id, site_id, external_key, name, quantity, unit)
    SELECT gen_random_uuid(), '$SITE', 'p' || n, 'point ' || n, 'power', 'W' FROM generate_series(1, $POINTS) n" >/dev/null
MQTT_PORT=$(free_port)
mosquitto_start "$WORK/mqtt" "$MQTT_PORT" bench "bench mqtt secret"
URL="mqtt://bench:bench%20mqtt%20secret@127.0.0.1:$MQTT_PORT"
now() { date +%s.%N; }
publish() { "$BIN" mqtt publish --url "$URL" --topic 'bench/p{n}' --points "$POINTS" --messages "$1" --batch "$2" --window "$WINDOW" 2>/dev/null; }
mqtt_stored() {
  curl -fs "http://127.0.0.1:$PORT/health/ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["details"]["mqtt"]["readings_stored"])' 2>/dev/null || echo 0
}
spool_backlog() {
  curl -fs "http://127.0.0.1:$PORT/health/ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["details"]["spool"]["backlog_records"])' 2>/dev/null || echo unknown
}

run_case() { # name messages batch
  local name=$1 messages=$2 batch=$3 readings=$(( $2 * $3 ))
  echo "== $name: $messages messages of $batch reading(s) over $POINTS topics"
  # The peer: mosquitto_sub alone receives everything at QoS 1. Its persistent session is made
  # first (-E: exit once subscribed), so nothing published while it starts is missed.
  local sub_args=(-h 127.0.0.1 -p "$MQTT_PORT" -u bench -P "bench mqtt secret" -q 1 -t 'bench/#' -c -i "peer-$name")
  mosquitto_sub "${sub_args[@]}" -E
  mosquitto_sub "${sub_args[@]}" -C "$messages" >/dev/null &
  local sub=$!
  local t0; t0=$(now)
  publish "$messages" "$batch" >/dev/null
  wait "$sub"
  local t1; t1=$(now)
  # Atrium: received, spooled and acknowledged; then durable in PostgreSQL.
  # A data directory (so a client id and broker session) and a shared group per case: the previous
  # case's stopped server stays a member of its group, and Mosquitto would queue half of this
  # case's messages in its session (see README, "More servers").
  ATRIUM_DATA_DIR="$WORK/data-$name" ATRIUM_MQTT_SHARED_GROUP="bench-$name" ATRIUM_MQTT_URL="$URL" \
    ATRIUM_MQTT_TOPICS='bench/{key}' scratch_serve "$PORT" "$WORK/server-$name.log"
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/health/ready" | grep -q '"subscribed":1' && break; sleep 0.1
  done
  local t2; t2=$(now)
  local line; line=$(publish "$messages" "$batch")
  local deadline=$((SECONDS + 600))
  while [ "$(mqtt_stored)" -lt "$readings" ] && [ $SECONDS -lt $deadline ]; do sleep 0.05; done
  local t3; t3=$(now)
  # Durable = the spool's backlog is empty (a batch is marked drained only after its commit);
  # counting the growing table instead would cost PostgreSQL the CPU being measured.
  while [ "$(spool_backlog)" != "0" ] && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  local t4; t4=$(now)
  local rss; rss=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
  echo "  server's MQTT counters: $(curl -fs "http://127.0.0.1:$PORT/health/ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["details"]["mqtt"])')"
  local stored; stored=$(psql "$DB_URL" -qAtc 'SELECT count(*) FROM readings')
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  psql "$DB_URL" -qc "TRUNCATE readings, readings_1m, readings_1h, readings_latest" >/dev/null
  python3 - "$name" "$messages" "$readings" "$t0" "$t1" "$t2" "$t3" "$t4" "$rss" "$stored" "$line" <<'PY'
import sys
name, m, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
t0, t1, t2, t3, t4 = map(float, sys.argv[4:9]); rss, stored, line = int(sys.argv[9]), int(sys.argv[10]), sys.argv[11]
peer = m / (t1 - t0); spooled = m / (t3 - t2); durable = n / (t4 - t2)
print(f"  publisher (atrium run): {line}")
print(f"  mosquitto_sub alone: {m} messages in {t1 - t0:.2f} s = {peer:,.0f} messages/s")
print(f"  atrium: {m} messages spooled and acknowledged in {t3 - t2:.2f} s = {spooled:,.0f} messages/s "
      f"({n / (t3 - t2):,.0f} readings/s), ratio to mosquitto_sub {spooled / peer:.2f}")
print(f"  atrium: {stored} of {n} readings durable in PostgreSQL after {t4 - t2:.2f} s = {durable:,.0f} readings/s; "
      f"server peak RSS {rss / 1024:.0f} MiB")
PY
}

run_case single "$SINGLE" 1
run_case batched "$BATCHED" "$BATCH"
