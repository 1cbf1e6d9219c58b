#!/usr/bin/env bash
# Capacity planning on a large model: a release `atrium serve` over the imported `--campus` IFC
# (3 buildings, 3,000 racks, ~36,000 devices by default), timing over HTTP on loopback
#   GET /v1/capacity?site=…                (every rack, power node, room and rollup of the site)
#   GET /v1/capacity?site=…&detail=rollups (the same without the per-rack list)
#   POST /v1/capacity/placements           (a 2U, 800 W, A+B device over the whole site)
# against, in the same run, the floor under them: PostgreSQL alone reading the same asset rows
# (the store's query through psql, timed by the server: EXPLAIN ANALYZE's execution time).
#
#   tools/bench/capacity/run.sh [postgres-server-url]
#   BENCH_SAMPLE=/tmp/campus/atrium-campus-3b-500r.ifc (tools/samplegen --campus 3 --racks-per-hall 500), BENCH_RUNS=15, BENCH_BIN
set -euo pipefail
cd "$(dirname "$0")/../../.."
source tools/lib/scratch-server.sh
PORT="${BENCH_PORT:-18095}"
PASSWORD="bench staple river 42"
SAMPLE="${BENCH_SAMPLE:-samples/atrium-dc.ifc}"
RUNS="${BENCH_RUNS:-15}"
scratch_binary release "${BENCH_BIN:-}"
scratch_database bench_cap "${1:-}"
export ATRIUM_ACCESS_TOKEN_TTL=3600 ATRIUM_LOG_LEVEL=error
printf '%s\n' "$PASSWORD" | "$BIN" user add bench --role admin --password-stdin >/dev/null
echo "== import $SAMPLE =="
/usr/bin/time -f "import wall %es" "$BIN" import "$SAMPLE" --user bench-capacity 2>&1 >/dev/null | tail -1
scratch_serve "$PORT" "$WORK/server.log"
BASE="http://127.0.0.1:$PORT"
TOKEN=$(scratch_login "$PORT" bench "$PASSWORD")
SITE=$(psql "$DB_URL" -Atc "SELECT site_id FROM assets WHERE kind = 'rack' LIMIT 1")
echo "$(psql "$DB_URL" -Atc "SELECT count(*) FILTER (WHERE kind = 'rack') || ' racks, ' || count(*) FILTER (WHERE kind = 'device') || ' devices, ' || count(*) FILTER (WHERE kind = 'power_unit') || ' power units' FROM assets")"

stats() {  # label, then times in seconds on stdin
    python3 -c "
import sys, statistics
t = sorted(float(x) * 1000 for x in sys.stdin.read().split())
print('%-44s median %7.1f ms  p95 %7.1f ms  (n=%d)' % ('$1', statistics.median(t), t[max(0, int(len(t) * 0.95) - 1)], len(t)))"
}
time_get() { curl -s -o "$WORK/out.json" -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$BASE$1"; }
curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/v1/capacity?site=$SITE&detail=rollups" >/dev/null  # warm (connections, caches)
for _ in $(seq 1 "$RUNS"); do time_get "/v1/capacity?site=$SITE"; done | stats "GET /v1/capacity (site, every rack)"
python3 -c "import json; d = json.load(open('$WORK/out.json')); print('   ', len(d['racks']), 'racks,', len(d['power_nodes']), 'power nodes,', len(d['rollups']), 'rollups; body', len(open('$WORK/out.json').read()) // 1024, 'KiB')"
for _ in $(seq 1 "$RUNS"); do time_get "/v1/capacity?site=$SITE&detail=rollups"; done | stats "GET /v1/capacity (site, rollups only)"
for _ in $(seq 1 "$RUNS"); do
    curl -s -o "$WORK/placement.json" -w '%{time_total}\n' -X POST -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
        -d "{\"u_height\":2,\"power_w\":800,\"weight_kg\":25,\"count\":10,\"site_id\":\"$SITE\"}" "$BASE/v1/capacity/placements"
done | stats "POST /v1/capacity/placements (site)"
python3 -c "import json; d = json.load(open('$WORK/placement.json')); print('    placed', d['placed'], 'of', d['requested'], '·', len(d['results']), 'racks fit,', d['rejected_total'], 'rejected; best', d['results'][0]['rack'] if d['results'] else '-')"
# The floor: PostgreSQL reading the same rows (execution time as the server measures it).
for _ in $(seq 1 "$RUNS"); do
    psql "$DB_URL" -Atc "EXPLAIN (ANALYZE, FORMAT JSON) SELECT a.id, a.kind, a.name, a.site_id, a.building_id, a.floor_id, a.space_id, a.parent_id,
        a.rack_u_height, a.power_budget_w, a.weight_budget_kg, a.cooling_budget_w, a.u_position, a.u_height, a.power_draw_w, a.weight_kg,
        a.rated_capacity_w, ARRAY(SELECT sa.system_id FROM system_assets sa WHERE sa.asset_id = a.id ORDER BY sa.system_id),
        ARRAY(SELECT coalesce(a.properties ->> n, '') FROM unnest(ARRAY['RowName','predefinedType','objectType','AllocatedPowerW','FedBy','Voltage','Amperage','Phases','MaxUtilization']) WITH ORDINALITY AS p(n, i) ORDER BY i)
        FROM assets a WHERE a.retired_in_version IS NULL AND a.kind IN ('rack', 'device', 'power_unit', 'cooling_unit') AND a.site_id = '$SITE'" \
        | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['Execution Time'] / 1000)"
done | stats "floor: PostgreSQL reading the asset rows"
echo "(cores: $(nproc); load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
