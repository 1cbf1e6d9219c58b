#!/usr/bin/env bash
# A year of energy: a release `atrium serve` over the imported sample with a year of hourly rollups
# for every power point (what a year of 1-minute readings leaves in readings_1h; the reports never
# read the raw rows), timing over HTTP
#   GET /v1/energy?…&interval=day            (365 days, prior year compared)
#   GET /v1/reports/energy-summary?…          (JSON, and the HTML page with its charts)
# against the floor in the same run: PostgreSQL alone running the IT aggregate the service runs.
#
#   tools/bench/energy/run.sh [postgres-server-url]      BENCH_RUNS=10, BENCH_BIN, BENCH_SAMPLE
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tools/lib/scratch-server.sh
PORT="${BENCH_PORT:-18096}"
PASSWORD="bench staple river 42"
SAMPLE="${BENCH_SAMPLE:-samples/atrium-dc.ifc}"
RUNS="${BENCH_RUNS:-10}"
scratch_binary release "${BENCH_BIN:-}"
scratch_database bench_energy "${1:-}"
export ATRIUM_ACCESS_TOKEN_TTL=3600 ATRIUM_LOG_LEVEL=error
printf '%s\n' "$PASSWORD" | "$BIN" user add bench --role admin --password-stdin >/dev/null
"$BIN" import "$SAMPLE" --user bench-energy >/dev/null 2>&1
scratch_serve "$PORT" "$WORK/server.log"   # its start provisions the points
TOKEN=$(scratch_login "$PORT" bench "$PASSWORD")
BUILDING=$(psql "$DB_URL" -Atc "SELECT id FROM buildings ORDER BY name LIMIT 1")
NOW=$(date -u +%s); FROM=$(( (NOW / 86400 - 365) * 86400 )); TO=$(( NOW / 86400 * 86400 ))
# Two years of hourly rollups (this year and the prior one) for every power point, in one partition
# below the ones the server keeps.
FIRST=$(psql "$DB_URL" -Atc "SELECT min(pg_get_expr(c.relpartbound, c.oid)) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'readings_1h'::regclass" \
    | sed -E "s/.*FROM \('([^']+)'\).*/\1/")
psql "$DB_URL" -qc "CREATE TABLE readings_1h_bench PARTITION OF readings_1h FOR VALUES FROM (to_timestamp($((FROM - 365 * 86400)))) TO ('$FIRST')"
echo "== $(psql "$DB_URL" -Atc "
    INSERT INTO readings_1h (point_key, bucket, min, max, sum, count, last_time, last_value)
    SELECT p.key, b, w * 0.9, w * 1.1, w * 60, 60, b + interval '59 minutes', w
    FROM points p CROSS JOIN generate_series(to_timestamp($((FROM - 365 * 86400))), to_timestamp($TO) - interval '1 hour', interval '1 hour') AS b
    CROSS JOIN LATERAL (SELECT 2000 + 1500 * sin(extract(epoch FROM b) / 86400 * 2 * pi()) + (p.key % 7) * 100 AS w) v
    WHERE p.quantity = 'power' AND b < '$FIRST'
    RETURNING 1" | wc -l) hourly rollups for $(psql "$DB_URL" -Atc "SELECT count(*) FROM points WHERE quantity = 'power'") power points over two years =="
psql "$DB_URL" -qc "ANALYZE readings_1h_bench"
stats() {
    python3 -c "
import sys, statistics
t = sorted(float(x) * 1000 for x in sys.stdin.read().split())
print('%-48s median %7.1f ms  p95 %7.1f ms  (n=%d)' % ('$1', statistics.median(t), t[max(0, int(len(t) * 0.95) - 1)], len(t)))"
}
get() { curl -s -o "$WORK/out" -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1"; }
RANGE="building=$BUILDING&from=$FROM&to=$TO"
for _ in $(seq 1 "$RUNS"); do get "/v1/energy?$RANGE&interval=day"; done | stats "GET /v1/energy (365 days + prior year)"
python3 -c "import json; d = json.load(open('$WORK/out')); print('    %d days, IT %.0f MWh, PUE %.3f (category %s), prior IT %.0f MWh' % (len(d['series']), d['totals']['it_kwh'] / 1000, d['totals']['pue'], d['pue_category'], d['prior']['it_kwh'] / 1000))"
for _ in $(seq 1 "$RUNS"); do get "/v1/reports/energy-summary?$RANGE"; done | stats "GET /v1/reports/energy-summary (JSON)"
for _ in $(seq 1 "$RUNS"); do get "/v1/reports/energy-summary?$RANGE&format=html"; done | stats "GET /v1/reports/energy-summary (HTML)"
KEYS=$(psql "$DB_URL" -Atc "SELECT string_agg(p.key::text, ',') FROM points p JOIN assets a ON a.id = p.asset_id WHERE p.quantity = 'power' AND a.kind = 'rack'")
for _ in $(seq 1 "$RUNS"); do
    psql "$DB_URL" -Atc "EXPLAIN (ANALYZE, FORMAT JSON) SELECT r.bucket, sum(r.sum / r.count), count(*) FROM readings_1h r
        WHERE r.point_key = ANY('{$KEYS}'::int8[]) AND r.bucket >= to_timestamp($FROM) AND r.bucket < to_timestamp($TO) AND r.count > 0
        GROUP BY r.bucket ORDER BY r.bucket" | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['Execution Time'] / 1000)"
done | stats "floor: PostgreSQL, the year of IT aggregated alone"
echo "(cores: $(nproc); load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
