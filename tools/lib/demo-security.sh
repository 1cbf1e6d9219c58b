#!/usr/bin/env bash
# Part of tools/demo: shows the security hardening on the running server.
#   demo-security.sh BASE_URL ADMIN_PASSWORD   (ATRIUM_BIN, ATRIUM_DATA_DIR, ATRIUM_DATABASE_URL from tools/demo)
set -uo pipefail
BASE="$1"; PASSWORD="$2"
say() { printf '\033[1;36m[demo]\033[0m %s\n' "$*"; }
for _ in $(seq 1 150); do curl -fs "$BASE/health/ready" >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -fs -X POST -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') || exit 0
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
say "security: NUL in a query parameter → $(code -H "Authorization: Bearer $TOKEN" "$BASE/v1/assets?q=a%00b") (was 500)"
say "security: control character in a header → $(printf 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Bad: a\001b\r\n\r\n' \
  | timeout 5 python3 -c 'import socket,sys; s=socket.create_connection(("'"${BASE#http://}"'".split(":")[0], int("'"${BASE##*:}"'"))); s.sendall(sys.stdin.buffer.read()); print(s.recv(100).split(b"\r\n")[0].decode())')"
say "security: your X-Request-ID is kept apart → server id $(curl -s -D - -o /dev/null -H 'X-Request-ID: mine' "$BASE/health/live" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-request-id"{print $2}')"
sleep 65   # one checkpoint interval
curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/v1/audit/verify" | python3 -c '
import json, sys
r = json.load(sys.stdin)
checks = ", ".join(c["store"] + ":" + (c.get("finding") or "match") for c in r.get("checkpoints", []))
print("\033[1;36m[demo]\033[0m audit: chain of %d rows %s; signed checkpoints %s" % (r["rows_checked"], "verifies" if r["ok"] else "DOES NOT verify", checks))'
say "auditors: $ATRIUM_BIN audit public-key > audit.pub.pem && $ATRIUM_BIN audit verify --checkpoint $ATRIUM_DATA_DIR/audit-checkpoints.jsonl --public-key audit.pub.pem"
