#!/usr/bin/env bash
# Part of tools/demo: readings into the sample's points, then history and a floor's latest values.
#   demo-telemetry.sh BASE_URL ADMIN_PASSWORD
set -uo pipefail
BASE="$1"; PASSWORD="$2"
say() { printf '\033[1;36m[demo]\033[0m %s\n' "$*"; }
for _ in $(seq 1 150); do curl -fs "$BASE/health/ready" >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -fs -X POST -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || exit 0
AUTH="Authorization: Bearer $TOKEN"
COUNT=$(curl -fs -H "$AUTH" "$BASE/v1/points?limit=1000&fields=id" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["items"]), "+" if d["next_cursor"] else "")')
say "telemetry: the sample import gave the site points: $COUNT (sensors from Atrium_Sensor, racks/CRACs/UPS/PDUs from rules)"
# An hour of one-minute readings for row A01's rack sensors, in °F, and the racks' power in kW.
CSV=$(python3 - <<'PY'
import time, math
now = int(time.time())
rows = ["external_key,ts,value,unit"]
for m in range(60):
    t = now - (59 - m) * 60
    for r in range(1, 9):
        rack = f"DC1-A01-R{r:02d}"
        rows.append(f"{rack}-TS/temperature,{t},{71 + 3 * math.sin(m / 9 + r) + r * 0.4:.2f},degF")
        rows.append(f"{rack}/power,{t},{3.1 + 0.4 * math.cos(m / 7 + r):.3f},kW")
print("\n".join(rows))
PY
)
REPORT=$(printf '%s\n' "$CSV" | curl -fs -X POST -H "$AUTH" -H 'content-type: text/csv' --data-binary @- "$BASE/v1/readings")
say "telemetry: POST /v1/readings (CSV, °F and kW) → $(echo "$REPORT" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["accepted"], "accepted,", r["refused"], "refused; durable in the spool before the 202")')"
sleep 1
POINT=$(curl -fs -H "$AUTH" "$BASE/v1/points?limit=1000&quantity=temperature&fields=id,external_key" | python3 -c '
import json,sys
for p in json.load(sys.stdin)["items"]:
    if p["external_key"] == "DC1-A01-R01-TS/temperature": print(p["id"])')
[ -n "$POINT" ] && curl -fs -H "$AUTH" "$BASE/v1/points/$POINT/readings?interval=5m&agg=max&from=$(( $(date +%s) - 3600 ))" | python3 -c '
import json,sys
r = json.load(sys.stdin)
vals = ", ".join("%.1f" % s["value"] for s in r["samples"])
print("\033[1;36m[demo]\033[0m telemetry: DC1-A01-R01 inlet, 5-minute maxima in °C from the 1-minute rollup:", vals)'
FLOOR=$(curl -fs -H "$AUTH" "$BASE/v1/floors?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -fs -H "$AUTH" "$BASE/v1/floors/$FLOOR/telemetry" | python3 -c '
import json,sys
items = [i for i in json.load(sys.stdin)["items"] if i["value"] is not None]
print("\033[1;36m[demo]\033[0m telemetry: GET /v1/floors/{id}/telemetry →", len(items), "points with a latest value, e.g.",
      ", ".join("%s = %.1f %s" % (i["name"], i["value"], i["unit"]) for i in items[:3]))'
say "telemetry: history as CSV: curl -H 'Authorization: Bearer …' '$BASE/v1/points/$POINT/readings?interval=1m&format=csv'"

# MQTT: a gateway publishes to dc/{site}/{building}/{asset}/{quantity}; Atrium subscribes (as a
# member of the shared group $share/atrium) and spools each message before acknowledging it.
if [ -n "${DEMO_MQTT_PORT:-}" ] && command -v mosquitto_pub >/dev/null; then
  pub() { mosquitto_pub -h 127.0.0.1 -p "$DEMO_MQTT_PORT" -u "${DEMO_MQTT_USER:-atrium-ingest}" -P "$DEMO_MQTT_PASSWORD" -q 1 -t "$1" -m "$2"; }
  pub "dc/frankfurt-west-campus/DC1/DC1-A01-R03/power" "4210"
  pub "dc/Frankfurt West Campus/DC1/DC1-A01-R03-TS/temperature" '{"value": 78.8, "unit": "°F"}'
  pub "dc/frankfurt-west-campus/DC1/DC1-A-CRAC-01/return_temperature" '[{"value": 24.1, "ts": '"$(( $(date +%s) - 60 ))"'}, 24.3]'
  pub "dc/frankfurt-west-campus/DC1/no-such-rack/power" "1"            # counted as an unknown topic
  pub "dc/frankfurt-west-campus/DC1/DC1-A01-R03/power" "not a number"  # counted as refused
  sleep 2
  RACK=$(curl -fs -H "$AUTH" "$BASE/v1/assets?q=DC1-A01-R03&kind=rack&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])' 2>/dev/null)
  [ -n "$RACK" ] && curl -fs -H "$AUTH" "$BASE/v1/assets/$RACK/telemetry" | python3 -c '
import json,sys
items = [i for i in json.load(sys.stdin)["items"] if i["value"] is not None]
print("\033[1;36m[demo]\033[0m mqtt: GET /v1/assets/{DC1-A01-R03}/telemetry after mosquitto_pub →",
      ", ".join("%s = %.1f %s" % (i["name"], i["value"], i["unit"]) for i in items))'
  curl -fs "$BASE/health/ready" | python3 -c '
import json,sys
m = json.load(sys.stdin)["details"].get("mqtt", {})
print("\033[1;36m[demo]\033[0m mqtt: /health/ready →", "connected" if m.get("connected") else "NOT connected", "·",
      m.get("messages"), "messages,", m.get("readings_stored"), "readings stored,", m.get("unknown_topics"), "unknown topic,",
      m.get("malformed_payloads", 0) + m.get("readings_refused", 0), "refused")'
  say "mqtt: publish your own: mosquitto_pub -p $DEMO_MQTT_PORT -u atrium-ingest -P \$(cat .atrium/mqtt-password) -q 1 -t dc/frankfurt-west-campus/DC1/DC1-A01-R05/power -m 3900"
fi
