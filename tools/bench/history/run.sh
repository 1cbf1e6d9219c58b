#!/usr/bin/env bash
# History and overlay read latency: a year of one-minute readings for one point read back as 1-hour
# averages, and the latest values of a floor with 1,000 points.
#
#   tools/bench/history/run.sh [postgres-server-url]
#
# Builds `atrium` in release (BENCH_BIN=path skips the build), imports the sample into a scratch
# database, gives its first floor 1,000 points, ingests 525,600 one-minute readings for one point and
# one reading for every other point through POST /v1/readings, then times (curl, loopback, 30 runs
# each, after 3 warm-ups) GET /v1/points/{id}/readings?interval=1h&agg=avg over the year and
# GET /v1/floors/{id}/telemetry. Prints median and 95th percentile. Needs PostgreSQL and MongoDB.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tools/lib/scratch-server.sh
PORT="${BENCH_PORT:-18097}"
PASSWORD="bench staple river 42"
scratch_binary release "${BENCH_BIN:-}"
scratch_database bench_history "${1:-}"
"$BIN" import samples/atrium-dc.ifc >/dev/null 2>&1
printf '%s\n' "$PASSWORD" | "$BIN" user add bench --role admin --password-stdin >/dev/null
FLOOR=$(psql "$DB_URL" -qAtc "SELECT f.id FROM floors f JOIN points p ON p.floor_id = f.id GROUP BY f.id ORDER BY count(*) DESC LIMIT 1")
SITE=$(psql "$DB_URL" -qAtc "SELECT site_id FROM floors WHERE id = '$FLOOR'")
HAVE=$(psql "$DB_URL" -qAtc "SELECT count(*) FROM points WHERE floor_id = '$FLOOR' AND retired_at IS NULL")
psql "$DB_URL" -qc "INSERT INTO points (id, site_id, floor_id, external_key, name, quantity, unit)
    SELECT gen_random_uuid(), '$SITE', '$FLOOR', 'extra-' || n, 'extra ' || n, 'temperature', '°C'
    FROM generate_series(1, 1000 - $HAVE) n" >/dev/null

scratch_serve "$PORT" "$WORK/server.log"
TOKEN=$(scratch_login "$PORT" bench "$PASSWORD")
POINT=$(psql "$DB_URL" -qAtc "SELECT id FROM points WHERE external_key = 'extra-1'")

echo "== ingesting a year of one-minute readings for one point, and one reading for each of the floor's points"
python3 - "$WORK" "$DB_URL" <<'PY'
import sys, time, subprocess
work = sys.argv[1]
now = int(time.time()) // 60 * 60
start = now - 525_600 * 60
for b in range(0, 525_600, 50_000):
    with open(f"{work}/year-{b // 50_000:03d}.csv", "w") as f:
        f.write("external_key,ts,value\n")
        for i in range(b, min(b + 50_000, 525_600)):
            f.write(f"extra-1,{start + i * 60},{20 + (i % 1440) / 288:.3f}\n")
keys = subprocess.run(["psql", sys.argv[2], "-qAtc", "SELECT external_key FROM points WHERE floor_id = (SELECT floor_id FROM points WHERE external_key = 'extra-1') AND retired_at IS NULL"],
                      capture_output=True, text=True).stdout.split()
with open(f"{work}/latest.csv", "w") as f:
    f.write("external_key,value\n")
    for k in keys:
        f.write(f"{k},1\n")
PY
for f in "$WORK"/year-*.csv "$WORK/latest.csv"; do
    curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @"$f" "http://127.0.0.1:$PORT/v1/readings"
done
while [ "$(curl -fs "http://127.0.0.1:$PORT/health/ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["details"]["spool"]["backlog_records"])')" != "0" ]; do sleep 0.2; done
echo "rows: $(psql "$DB_URL" -qAtc "SELECT count(*) FROM readings"), floor points: $(psql "$DB_URL" -qAtc "SELECT count(*) FROM points WHERE floor_id = '$FLOOR' AND retired_at IS NULL")"

measure() { # label url
    for _ in 1 2 3; do curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "$2"; done
    for _ in $(seq 1 30); do curl -fs -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$2"; done | python3 -c '
import sys
t = sorted(float(x) * 1000 for x in sys.stdin)
print(f"'"$1"': median {t[len(t)//2]:.1f} ms, p95 {t[int(len(t)*0.95)-1]:.1f} ms")'
}
FROM=$(( $(date +%s) - 366 * 86400 ))
measure "a year as 1-hour averages (8,760 buckets)" "http://127.0.0.1:$PORT/v1/points/$POINT/readings?from=$FROM&interval=1h&agg=avg"
measure "a floor's latest values (1,000 points)" "http://127.0.0.1:$PORT/v1/floors/$FLOOR/telemetry"
