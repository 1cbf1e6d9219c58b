#!/usr/bin/env bash
# Part of tools/demo: the sample comes alive. Starts `atrium simulate` in the background (real time,
# or ATRIUM_DEMO_SPEED× faster) publishing every point over MQTT like real gateways, then prints the
# three commands to try: watch it live, start an incident, list the alarms.
#   demo-simulator.sh BASE_URL ADMIN_PASSWORD   (env: ATRIUM_BIN, DEMO_MQTT_PORT, DEMO_MQTT_PASSWORD, DEMO_STATE)
set -uo pipefail
BASE="$1"; PASSWORD="$2"
STATE="${DEMO_STATE:-.atrium}"
SPEED="${ATRIUM_DEMO_SPEED:-1}"
say() { printf '\033[1;32m[demo]\033[0m %s\n' "$*"; }
[ -n "${DEMO_MQTT_PORT:-}" ] || exit 0
TOKEN=$(curl -fs -X POST -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || exit 0
AUTH="Authorization: Bearer $TOKEN"
key() {  # name permissions-json → a new API key (shown once, kept in .atrium/)
  curl -fs -X POST -H "$AUTH" -H 'content-type: application/json' -d "{\"name\":\"$1\",\"permissions\":$2}" "$BASE/v1/api-keys" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])'
}
# The simulator reads the twin with a key of its own (it never touches the database); the demo
# operator's key may also watch, acknowledge and start scenarios.
[ -s "$STATE/simulator-key" ] && curl -fs -H "X-API-Key: $(cat "$STATE/simulator-key")" "$BASE/v1/auth/me" >/dev/null \
  || (umask 077 && key simulator '["assets.read"]' >"$STATE/simulator-key")
[ -s "$STATE/operator-key" ] && curl -fs -H "X-API-Key: $(cat "$STATE/operator-key")" "$BASE/v1/auth/me" >/dev/null \
  || (umask 077 && key demo-operator '["assets.read","live.read","alarms.ack","scenarios.run"]' >"$STATE/operator-key")
[ -s "$STATE/simulator-key" ] || { say "simulator: could not make an API key"; exit 0; }
ATRIUM_API_KEY=$(cat "$STATE/simulator-key") ATRIUM_URL="$BASE" \
  nohup "$ATRIUM_BIN" simulate --building DC1 --speed "$SPEED" --seed 2026 \
  --mqtt-url "mqtt://atrium-ingest:$DEMO_MQTT_PASSWORD@127.0.0.1:$DEMO_MQTT_PORT" >"$STATE/simulator.log" 2>&1 &
echo $! >"$STATE/simulator.pid"
sleep 8
say "simulator: $(head -1 "$STATE/simulator.log" | sed 's/^\[simulate\] //') (log: $STATE/simulator.log)"
curl -fs "$BASE/health/ready" | python3 -c '
import json,sys
m = json.load(sys.stdin)["details"].get("mqtt", {})
print("\033[1;32m[demo]\033[0m simulator: the server has stored", m.get("readings_stored"), "readings from", m.get("messages"), "MQTT messages so far")'
BIN_SHOWN="${ATRIUM_BIN/#$PWD\//}"
say "the twin is live. Try, in another terminal (the key in $STATE/operator-key may watch, acknowledge and start scenarios):"
say "  1. watch it:        ATRIUM_URL=$BASE ATRIUM_API_KEY=\$(cat $STATE/operator-key) $BIN_SHOWN watch --building DC1"
say "  2. break a rack:    ATRIUM_URL=$BASE ATRIUM_API_KEY=\$(cat $STATE/operator-key) $BIN_SHOWN simulate scenario COOLING_FAILURE --building DC1 --target DC1-A01-R02"
say "     (its hall warms ~0.3 °C/min: WARM after ~15 min at real time, sooner with ATRIUM_DEMO_SPEED=60; LEAK_DETECTED --target DC1-A-CRAC-01 alarms at once; add --stop to end one)"
say "  3. list the alarms: curl -s -H \"X-API-Key: \$(cat $STATE/operator-key)\" '$BASE/v1/alarms?state=active' | python3 -m json.tool"
