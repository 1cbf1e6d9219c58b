#!/usr/bin/env bash
# Part of tools/demo: a rack inlet overheats, the alarm engine raises and escalates an alarm, the
# building's health turns HOT, an operator acknowledges, the temperature falls and it resolves.
#   demo-alarms.sh BASE_URL ADMIN_PASSWORD
set -uo pipefail
BASE="$1"; PASSWORD="$2"
say() { printf '\033[1;35m[demo]\033[0m %s\n' "$*"; }
for _ in $(seq 1 150); do curl -fs "$BASE/health/ready" >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -fs -X POST -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || exit 0
AUTH="Authorization: Bearer $TOKEN"
# The engine provisions rules on its first load (at start, then every 30 s).
for _ in $(seq 1 40); do
  RULES=$(curl -fs -H "$AUTH" "$BASE/v1/alarm-rules?limit=1000" | python3 -c '
import json,sys
items = json.load(sys.stdin)["items"]
d = [i for i in items if i["origin"] == "default"]; m = [i for i in items if i["origin"] == "import"]
print(len(items), "rules:", len(d), "shipped default(s) (%s)" % (", ".join(sorted(i["name"] for i in d)) or "-"), "and", len(m), "from the model'"'"'s sensor thresholds" if items else "")')
  [ -n "$RULES" ] && break; sleep 1
done
say "alarms: $RULES"
# Where tools/demo runs an SMTP relay: the site's on-call address gets alarm e-mail (a mailto: target).
if [ -n "${DEMO_MAIL_LOG:-}" ]; then
  SITE=$(curl -fs -H "$AUTH" "$BASE/v1/sites?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  if ! curl -fs -H "$AUTH" "$BASE/v1/webhooks?limit=1000" | grep -q 'mailto:oncall@demo.example'; then
    curl -fs -X POST -H "$AUTH" -H 'content-type: application/json' \
      -d "{\"site_id\":\"$SITE\",\"name\":\"On-call e-mail\",\"url\":\"mailto:oncall@demo.example\",\"min_severity\":\"minor\"}" \
      "$BASE/v1/webhooks" >/dev/null && say "alarms: POST /v1/webhooks {url: mailto:oncall@demo.example} (minor and above)"
  fi
fi
# Ten minutes of DC1-A02-R05's inlet climbing from 25 to 29 °C, then 33 °C: warning, then critical.
NOW=$(date +%s)
CSV=$(python3 - "$NOW" <<'PY'
import sys
now = int(sys.argv[1])
rows = ["external_key,ts,value,unit"]
for m in range(11):
    rows.append(f"DC1-A02-R05-TS/temperature,{now - 700 + m * 60},{25 + m * 0.4:.1f},degC")
rows.append(f"DC1-A02-R05-TS/temperature,{now - 30},33.0,degC")
print("\n".join(rows))
PY
)
printf '%s\n' "$CSV" | curl -fs -X POST -H "$AUTH" -H 'content-type: text/csv' --data-binary @- "$BASE/v1/readings" >/dev/null
# The engine sees readings once the drain made them durable in PostgreSQL: poll, a busy machine is slow.
for _ in $(seq 1 30); do
  ALARM=$(curl -fs -H "$AUTH" "$BASE/v1/alarms?state=active&limit=10" | python3 -c '
import json,sys
for a in json.load(sys.stdin)["items"]:
    print(a["id"], a["severity"], a["state"], a["last_value"], a["raised_at"]); break')
  [ -n "$ALARM" ] && break; sleep 0.5
done
if [ -z "$ALARM" ]; then say "alarms: no alarm yet (the engine loads rules every 30 s); see GET /v1/alarms"; exit 0; fi
read -r ID SEVERITY STATE VALUE RAISED <<<"$ALARM"
say "alarms: GET /v1/alarms?state=active → $SEVERITY, $STATE, last value $VALUE °C, raised $RAISED (one alarm, however many readings)"
if [ -n "${DEMO_MAIL_LOG:-}" ]; then
  for _ in $(seq 1 20); do grep -q "Subject: \[Atrium\] alarm\." "$DEMO_MAIL_LOG" 2>/dev/null && break; sleep 0.5; done
  SUBJECT=$(grep -o "Subject: \[Atrium\] alarm\.[^'\"]*" "$DEMO_MAIL_LOG" | head -1)
  [ -n "$SUBJECT" ] && say "alarms: e-mailed to oncall@demo.example through ATRIUM_SMTP_URL → $SUBJECT"
fi
BUILDING=$(curl -fs -H "$AUTH" "$BASE/v1/buildings?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -fs -H "$AUTH" "$BASE/v1/buildings/$BUILDING/health" | python3 -c '
import json,sys
h = json.load(sys.stdin)
print("\033[1;35m[demo]\033[0m alarms: GET /v1/buildings/{id}/health →", h["health"]["thermal"], "(" + h["health"]["status"] + ")",
      "·", len(h["floors"]), "floor(s),", len(h["spaces"]), "space(s) affected")'
curl -fs -X POST -H "$AUTH" -H 'content-type: application/json' -d '{"note":"blanking panels refitted"}' \
  "$BASE/v1/alarms/$ID/acknowledge" | python3 -c '
import json,sys
a = json.load(sys.stdin)
print("\033[1;35m[demo]\033[0m alarms: acknowledged by", a["acknowledged_by"], "after %.0f s →" % a["time_to_acknowledge_s"], a["state"])'
printf 'external_key,ts,value,unit\nDC1-A02-R05-TS/temperature,%s,24.0,degC\n' "$(( $(date +%s) - 5 ))" \
  | curl -fs -X POST -H "$AUTH" -H 'content-type: text/csv' --data-binary @- "$BASE/v1/readings" >/dev/null
for _ in $(seq 1 30); do
  curl -fs -H "$AUTH" "$BASE/v1/alarms/$ID" | grep -q '"state":"resolved"' && break; sleep 0.5
done
curl -fs -H "$AUTH" "$BASE/v1/alarms/$ID" | python3 -c '
import json,sys
a = json.load(sys.stdin)
print("\033[1;35m[demo]\033[0m alarms: back to 24 °C →", a["state"], "· peak", a["peak_severity"], "· time to resolve %.0f s" % (a["time_to_resolve_s"] or 0))'
say "alarms: every change is in the audit log: curl -H 'Authorization: Bearer …' '$BASE/v1/audit?object_kind=alarm'"
