# Sourced by run/verify: ensures .atrium/samplegen-venv exists with the pinned requirements
# and exports SAMPLEGEN_PY (the venv's python) and ATRIUM_ROOT (directory with Package.swift).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ATRIUM_ROOT="$(cd "$here/../.." && pwd)"
if [ ! -f "$ATRIUM_ROOT/Package.swift" ]; then
    echo "samplegen: cannot find Package.swift above $here" >&2
    exit 2
fi
venv="$ATRIUM_ROOT/.atrium/samplegen-venv"
req="$here/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "samplegen: preparing $venv" >&2
    mkdir -p "$ATRIUM_ROOT/.atrium"
    "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
    echo "$want" > "$stamp"
fi
export SAMPLEGEN_PY="$venv/bin/python"
export ATRIUM_ROOT
# Same hash seed everywhere: nothing should depend on it, but this removes one source of doubt.
export PYTHONHASHSEED=0
