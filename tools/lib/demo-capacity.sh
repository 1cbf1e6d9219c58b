#!/usr/bin/env bash
# Part of tools/demo: capacity planning on the sample. The building's space, power and flags, a
# floor PDU's load with and without its partner feed, where a new server fits (and where a huge
# one does not, and why), and a U reservation (audited).
#   demo-capacity.sh BASE_URL ADMIN_PASSWORD
set -uo pipefail
BASE="$1"; PASSWORD="$2"
say() { printf '\033[1;34m[demo]\033[0m %s\n' "$*"; }
TOKEN=$(curl -fs -X POST -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || exit 0
AUTH="Authorization: Bearer $TOKEN"
BUILDING=$(curl -fs -H "$AUTH" "$BASE/v1/buildings?limit=100&fields=id,name" | python3 -c '
import json,sys
print(next((b["id"] for b in json.load(sys.stdin)["items"] if b["name"] == "DC1"), ""))')
[ -n "$BUILDING" ] || exit 0
curl -fs -H "$AUTH" "$BASE/v1/capacity?building=$BUILDING" >/tmp/atrium-demo-capacity.$$ || exit 0
python3 - /tmp/atrium-demo-capacity.$$ <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
say = lambda s: print("\033[1;34m[demo]\033[0m " + s)
b = next(r for r in d["rollups"] if r["level"] == "building")
u, p = b["units"], b["power"]
say("capacity: GET /v1/capacity?building=DC1 → %d racks, %d of %d U free, %.0f kW planned of %.0f kW budget (%.0f %%), %d amber, %d red"
    % (b["racks"], u["free"], u["total"], p["load_w"] / 1000, p["budget_w"] / 1000, 100 * (p["utilisation"] or 0), b["flags"]["amber"], b["flags"]["red"]))
n = next(x for x in d["power_nodes"] if x["name"] == "DC1-A01-PDU-A")
say("capacity: DC1-A01-PDU-A carries %.1f kW, %.1f kW if feed B is lost, of %.1f kW available (rating from its %s, 80 %% usable)"
    % (n["load_w"] / 1000, n["failover_load_w"] / 1000, n["available_w"] / 1000, n["rating_source"]))
room = next(x for x in d["rooms"] if x["name"] == "DC1-DH-A")
say("capacity: hall DC1-DH-A: %.0f kW of heat against %.0f kW of CRACs, %.0f kW without the largest: N+1 %s"
    % (room["heat_w"] / 1000, room["cooling_w"] / 1000, room["cooling_without_largest_w"] / 1000, "holds" if room["holds_without_largest"] else "does NOT hold"))
r = next(x for x in d["racks"] if x["name"] == "DC1-A01-R03")
say("capacity: DC1-A01-R03: %dU free (largest block %dU), %s %.1f kW of %.1f kW, %.0f kg of %.0f kg, %s, survives a feed loss: %s"
    % (r["units"]["free"], r["units"]["largest_free_block"], r["power"]["basis"].replace("_", " "), r["power"]["load_w"] / 1000,
       r["power"]["budget_w"] / 1000, r["weight"]["kg"], r["weight"]["budget_kg"], r["redundancy"]["mode"], r["redundancy"]["survives_feed_loss"]))
PY
rm -f /tmp/atrium-demo-capacity.$$
curl -fs -X POST -H "$AUTH" -H 'content-type: application/json' \
  -d "{\"u_height\":2,\"power_w\":800,\"weight_kg\":25,\"count\":4,\"building_id\":\"$BUILDING\"}" "$BASE/v1/capacity/placements" | python3 -c '
import json,sys
d = json.load(sys.stdin)
if d["results"]:
    best = d["results"][0]
    print("\033[1;34m[demo]\033[0m capacity: 4 × 2U 800 W A+B servers → placed %d; best %s at U%s: %s" % (d["placed"], best["rack"], best["u_position"], "; ".join(best["reasons"][1:3])))
else:
    # Planned on nameplate where racks have no readings yet, one UPS may not carry the building alone.
    print("\033[1;34m[demo]\033[0m capacity: 4 × 2U 800 W A+B servers → placed 0: %s" % d["rejected"][0]["binding"])'
curl -fs -X POST -H "$AUTH" -H 'content-type: application/json' \
  -d "{\"u_height\":30,\"power_w\":800,\"building_id\":\"$BUILDING\"}" "$BASE/v1/capacity/placements" | python3 -c '
import json,sys
d = json.load(sys.stdin)
print("\033[1;34m[demo]\033[0m capacity: a 30U device → placed %d; e.g. %s: %s" % (d["placed"], d["rejected"][0]["rack"], d["rejected"][0]["binding"]))'
say "capacity: reserve units with POST /v1/capacity/reservations {rack_id, u_position, u_height, expires_at} (audited); README, \"Capacity\""
curl -fs -H "$AUTH" "$BASE/v1/energy?building=$BUILDING&from=$(( $(date +%s) - 86400 ))&interval=hour" | python3 -c '
import json,sys
d = json.load(sys.stdin); t = d["totals"]
print("\033[1;34m[demo]\033[0m energy: GET /v1/energy (last 24 h) → IT %.1f kWh, facility %.1f kWh (%s), PUE %s, category %s (%s)"
      % (t["it_kwh"], t["facility_kwh"], d["facility_basis"], "%.2f" % t["pue"] if t["pue"] else "-", d["pue_category"], d["it_basis"]))'
