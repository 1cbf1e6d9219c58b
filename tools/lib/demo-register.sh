#!/usr/bin/env bash
# Part of tools/demo: the asset register. A real COBie handover (the Duplex from ../shared/corpus when
# present, else the sample's own workbook) is imported through the API; every Component row becomes
# an asset with a kind, one is looked up by the GlobalId a BIM viewer would hold, and a file that is
# no model is refused before a job exists.
#   demo-register.sh BASE_URL ADMIN_PASSWORD
set -uo pipefail
BASE="$1"; PASSWORD="$2"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
say() { printf '\033[1;36m[demo]\033[0m %s\n' "$*"; }
for _ in $(seq 1 150); do curl -fs "$BASE/health/ready" >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -fs -X POST -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || exit 0
AUTH="Authorization: Bearer $TOKEN"
WORKBOOK="$ROOT/../shared/corpus/cobie/2012-03-23-Duplex-Handover.xlsx"
[ -f "$WORKBOOK" ] || WORKBOOK="$ROOT/samples/atrium-dc-cobie.xlsx"
STATUS=$(printf 'a shopping list, not a building\n' | curl -s -o /dev/null -w '%{http_code}' -X POST -H "$AUTH" \
  -H 'content-type: application/octet-stream' --data-binary @- "$BASE/v1/imports?name=list.txt")
say "register: a text file posted to /v1/imports is refused up front: HTTP $STATUS (import.unsupported-format, no job made)"
JOB=$(curl -fs -X POST -H "$AUTH" -F "file=@$WORKBOOK" "$BASE/v1/imports" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || exit 0
for _ in $(seq 1 300); do
  STATE=$(curl -fs -H "$AUTH" "$BASE/v1/imports/$JOB" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["status"], j.get("model_id") or "", j.get("version") or j.get("version_number") or "")')
  case "$STATE" in succeeded*|failed*) break ;; esac
  sleep 0.5
done
set -- $STATE
[ "${1:-}" = succeeded ] || { say "register: import of $(basename "$WORKBOOK") ended ${1:-unknown}"; exit 0; }
MODEL=$2
curl -fs -H "$AUTH" "$BASE/v1/models/$MODEL/versions/${3:-1}" | python3 -c '
import json, sys
v = json.load(sys.stdin); c = v.get("counts", {})
kinds = ", ".join(f"{k[7:]} {n}" for k, n in sorted(c.items(), key=lambda kv: -kv[1]) if k.startswith("assets.") and n)
print("\033[1;36m[demo]\033[0m register: %s: %s Component rows → %s assets (%s)" % (sys.argv[1], c.get("Component", "?"), c.get("assets", "?"), kinds))
' "$(basename "$WORKBOOK")"
GID=$(curl -fs -H "$AUTH" "$BASE/v1/assets?kind=door&limit=1&fields=source" | python3 -c '
import json,sys
items = json.load(sys.stdin)["items"]
print(items[0]["source"].get("ifc_global_id") or "" if items else "")')
if [ -n "$GID" ]; then
  curl -fs -D /tmp/atrium-demo-headers -H "$AUTH" "$BASE/v1/assets/by-global-id/$GID?fields=id,name,kind,space_id" | python3 -c '
import json,sys
a = json.load(sys.stdin)
print("\033[1;36m[demo]\033[0m register: GET /v1/assets/by-global-id/%s → %s \"%s\" (%s)" % (sys.argv[1], a["kind"], a["name"], a["id"]))
' "$GID"
fi
