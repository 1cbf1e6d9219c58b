#!/usr/bin/env bash
# Validates /openapi.json (every feature on) with openapi-spec-validator (PyPI), as an
# independent check of the generated OpenAPI 3.1 document.
#
#   tools/openapi-check/run.sh
#
# The document comes from OpenAPIConsistencyTests (it writes what GET /openapi.json served
# to $ATRIUM_OPENAPI_DUMP); the validator is installed into .atrium/venv-openapi when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="$(mktemp --suffix=.json)"
trap 'rm -f "$OUT"' EXIT
PY=python3
if ! "$PY" -c 'import openapi_spec_validator' 2>/dev/null; then
    [ -x .atrium/venv-openapi/bin/python ] || { python3 -m venv .atrium/venv-openapi && .atrium/venv-openapi/bin/pip install -q openapi-spec-validator; }
    PY=.atrium/venv-openapi/bin/python
fi
ATRIUM_OPENAPI_DUMP="$OUT" swift test --filter OpenAPIConsistencyTests >/dev/null
"$PY" - "$OUT" <<'PYEOF'
import json, sys
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
document = json.load(open(sys.argv[1]))
try:
    validate(document)
except OpenAPIValidationError as error:
    print("invalid:", error)
    sys.exit(1)
print(f"valid OpenAPI {document['openapi']}: {len(document['paths'])} paths, "
      f"{sum(len(v) for v in document['paths'].values())} operations, {len(document['components']['schemas'])} schemas")
PYEOF
