#!/usr/bin/env bash
# HTTP readings ingest, durable in PostgreSQL, against the physical limit measured in the same run:
# psql COPY of the same rows into the same table.
#
#   tools/bench/readings/run.sh [postgres-server-url]
#   READINGS=2000000 BATCH=50000 CONCURRENCY=4 POINTS=1000 (environment, defaults shown)
#   READINGS=28000000 for the issue's sustained figure (over 60 s of ingest; 2.5 GB of scratch files)
#
# Builds `atrium` in release (BENCH_BIN=path skips the build), creates a scratch database with
# POINTS points, starts `atrium serve`, POSTs READINGS readings as CSV batches of BATCH from
# CONCURRENCY clients, and measures from the first request until every reading is in PostgreSQL
# (the drain has moved the spool: rollups and latest values kept too). Then it empties the tables
# and times `\copy readings FROM` of the same rows. Prints both rates, their ratio and the server's
# peak RSS. PostgreSQL and MongoDB must be running (tools/test or tools/demo start them).
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tools/lib/scratch-server.sh
READINGS="${READINGS:-2000000}"
BATCH="${BATCH:-50000}"
CONCURRENCY="${CONCURRENCY:-4}"
POINTS="${POINTS:-1000}"
PORT="${BENCH_PORT:-18095}"
PASSWORD="bench staple river 42"
scratch_binary release "${BENCH_BIN:-}"
scratch_database bench_readings "${1:-}"
SITE=$(psql "$DB_URL" -qAtc "INSERT INTO sites (id, name) VALUES (gen_random_uuid(), 'Bench') RETURNING id")
psql "$DB_URL" -qc "INSERT INTO points (id, site_id, external_key, name, quantity, unit)
    SELECT gen_random_uuid(), '$SITE', 'p' || n, 'point ' || n, 'power', 'W' FROM generate_series(1, $POINTS) n" >/dev/null
printf '%s\n' "$PASSWORD" | "$BIN" user add bench --role admin --password-stdin >/dev/null

echo "== writing $READINGS readings as CSV batches of $BATCH"
python3 - "$WORK" "$READINGS" "$BATCH" "$POINTS" <<'PY'
import sys, time
work, total, batch, points = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
start = (int(time.time()) - 86400) * 1_000_000
copy = open(f"{work}/copy.tsv", "w")
for b in range(0, total, batch):
    with open(f"{work}/batch-{b // batch:06d}.csv", "w") as f:
        f.write("external_key,ts,value\n")
        for i in range(b, min(b + batch, total)):
            p = i % points + 1
            t = start + (i // points) * 1000
            f.write(f"p{p},{t},{i % 9973}.5\n")
            copy.write(f"{p}\t{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(t // 1_000_000))}.{t % 1_000_000:06d}+00\t{i % 9973}.5\t0\n")
copy.close()
PY
# The points' compact keys are 1…POINTS in insertion order on a fresh database; the COPY file uses them.

scratch_serve "$PORT" "$WORK/server.log"
TOKEN=$(scratch_login "$PORT" bench "$PASSWORD")

echo "== atrium: POST /v1/readings from $CONCURRENCY clients until every reading is in PostgreSQL"
T0=$(date +%s.%N)
ls "$WORK"/batch-*.csv | xargs -P "$CONCURRENCY" -I{} curl -fsS --retry 30 -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: text/csv' --data-binary @{} "http://127.0.0.1:$PORT/v1/readings"
T1=$(date +%s.%N)
# Drained = the spool's backlog is empty (the drain marks a batch only after its commit). Polled
# through /health/ready: counting the growing table every 100 ms would cost PostgreSQL the CPU
# being measured. The count is checked once afterwards.
backlog() { curl -fs "http://127.0.0.1:$PORT/health/ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["details"]["spool"]["backlog_records"])'; }
while [ "$(backlog)" != "0" ]; do sleep 0.1; done
T2=$(date +%s.%N)
STORED=$(psql "$DB_URL" -qAtc 'SELECT count(*) FROM readings')
[ "$STORED" = "$READINGS" ] || { echo "stored $STORED readings, sent $READINGS" >&2; exit 1; }
RSS=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

echo "== psql: COPY of the same rows into the same (emptied) table"
psql "$DB_URL" -qc "TRUNCATE readings, readings_1m, readings_1h, readings_latest" >/dev/null
T3=$(date +%s.%N)
psql "$DB_URL" -qc "\\copy readings (point_key, time, value, quality) FROM '$WORK/copy.tsv'" >/dev/null
T4=$(date +%s.%N)
python3 - "$READINGS" "$T0" "$T1" "$T2" "$T3" "$T4" "$RSS" <<'PY'
import sys
n = int(sys.argv[1]); t0, t1, t2, t3, t4 = map(float, sys.argv[2:7]); rss = int(sys.argv[7])
atrium = n / (t2 - t0); copy = n / (t4 - t3)
print(f"atrium: {n} readings durable in PostgreSQL in {t2 - t0:.2f} s = {atrium:,.0f} readings/s "
      f"(all 202s after {t1 - t0:.2f} s = {n / (t1 - t0):,.0f} readings/s into the spool)")
print(f"psql COPY: {n} rows in {t4 - t3:.2f} s = {copy:,.0f} rows/s")
print(f"ratio atrium / COPY = {atrium / copy:.2f}; server peak RSS {rss / 1024:.0f} MiB")
PY
