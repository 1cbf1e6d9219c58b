# shellcheck shell=bash
# Shared by tools/demo and tools/test: install what Atrium needs, start and stop the local
# PostgreSQL+PostGIS and MongoDB-compatible servers and the Mosquitto MQTT broker on loopback. Source it; don't run it.

ATRIUM_ROOT=${ATRIUM_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
ATRIUM_STATE="$ATRIUM_ROOT/.atrium"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
SECANTUS_VERSION="0.7.0b3"
APT_PACKAGES=(libxml2-dev libmongoc-dev libbson-dev pkg-config zlib1g-dev postgresql-15 postgresql-15-postgis-3 python3-venv openssl
  libmosquitto-dev mosquitto mosquitto-clients
  chromium)  # headless, for the reports' screenshot check (tests only)

log() { printf '\033[1m[atrium]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[atrium] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# PostgreSQL refuses to run as root, so a root caller runs it as the postgres user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_system_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # The Debian package creates and starts a default cluster on 5432; Atrium runs its own
  # clusters under .atrium/ instead and leaves that one alone.
}

# The MongoDB wire-protocol server for development and tests lives in a venv under .atrium/.
install_document_server() {
  local venv="$ATRIUM_STATE/venv"
  if [ ! -x "$venv/bin/secantusd-py" ]; then
    log "installing SecantusDB $SECANTUS_VERSION into $venv"
    mkdir -p "$ATRIUM_STATE"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "SecantusDB==$SECANTUS_VERSION"
  fi
  SECANTUSD="$venv/bin/secantusd-py"
}

install_all() {
  install_system_packages
  install_document_server
  command -v swift >/dev/null || die "swift is not on PATH (expected the Swift 6 toolchain at /opt/swift/usr/bin)"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_for_port() { # host port seconds
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt "$deadline" ]; do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  return 1
}

# pg_start DATA_DIR PORT: initialises the cluster on first use (trust auth, loopback only),
# then starts it and waits until it accepts connections. The lock table is four times the
# default: CREATE EXTENSION postgis takes thousands of locks in one transaction, and parallel
# tests doing that beside partitioned readings inserts ran out ("out of shared memory").
pg_start() {
  local data=$1 port=$2
  mkdir -p "$data"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$data"
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$data" -U atrium --auth=trust -E UTF8 --locale=C.UTF-8 >"$data.initdb.log" 2>&1 \
      || { cat "$data.initdb.log" >&2; die "initdb failed for $data"; }
  fi
  if as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL already running for $data; restarting it on port $port"
    as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast stop >/dev/null
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$data" -w -t 60 -l "$data/server.log" \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=${ATRIUM_PG_FSYNC:-on} -c max_locks_per_transaction=256" start >/dev/null \
    || { tail -20 "$data/server.log" >&2; die "PostgreSQL did not start (log: $data/server.log)"; }
}

pg_stop() {
  local data=$1
  [ -f "$data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# Creates a database if it does not exist (trust auth on loopback: any OS user may connect).
pg_ensure_database() { # port name
  local exists
  exists=$(psql -h 127.0.0.1 -p "$1" -U atrium -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$2'")
  [ "$exists" = "1" ] || psql -q -h 127.0.0.1 -p "$1" -U atrium -d postgres -c "CREATE DATABASE \"$2\"" >/dev/null
}

# mongo_start DATA_DIR PORT: one server per data directory (the server locks it).
mongo_start() {
  local data=$1 port=$2
  mkdir -p "$data"
  mongo_stop "$data"
  "$SECANTUSD" --host 127.0.0.1 --port "$port" --storage-path "$data" --cache-size 256M \
    >"$data.log" 2>&1 &
  echo $! >"$data.pid"
  wait_for_port 127.0.0.1 "$port" 30 || { tail -20 "$data.log" >&2; die "document server did not start (log: $data.log)"; }
}

# stop_pidfile FILE: SIGTERM the process named in FILE, SIGKILL after 5 s, remove FILE.
stop_pidfile() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

mongo_stop() { stop_pidfile "$1.pid"; }

# mosquitto_start DATA_DIR PORT USER PASSWORD: a broker on 127.0.0.1:PORT that only admits USER
# (password file, no anonymous access) and keeps sessions and queued messages across restarts.
# Debian's defaults would lose readings: at most 1000 queued messages per offline session and
# 20 in flight; these raise both, since Atrium's own spool bounds what it holds.
mosquitto_start() {
  local data=$1 port=$2 user=$3 password=$4
  mkdir -p "$data/db"
  mosquitto_stop "$data"
  rm -f "$data/passwords"
  mosquitto_passwd -b -c "$data/passwords" "$user" "$password" >/dev/null 2>&1 \
    || die "mosquitto_passwd could not write $data/passwords"
  chmod 600 "$data/passwords"
  cat >"$data/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous false
password_file $data/passwords
persistence true
persistence_location $data/db/
autosave_interval 5
max_queued_messages 10000000
max_queued_bytes 0
max_inflight_messages 1000
max_keepalive 120
# Atrium refuses MQTT payloads over 1 MiB; the broker refuses them first, to the publisher, so a
# broken gateway learns it and no subscriber buffers a huge packet.
max_packet_size 1048576
log_dest file $data/mosquitto.log
log_type error
log_type warning
log_type notice
CONF
  [ "$(id -u)" -eq 0 ] && echo "user root" >>"$data/mosquitto.conf"
  mosquitto -c "$data/mosquitto.conf" >>"$data/mosquitto.out" 2>&1 &
  echo $! >"$data/mosquitto.pid"
  wait_for_port 127.0.0.1 "$port" 30 || { tail -20 "$data/mosquitto.log" "$data/mosquitto.out" >&2 2>/dev/null; die "mosquitto did not start (log: $data/mosquitto.log)"; }
}

mosquitto_stop() { stop_pidfile "$1/mosquitto.pid"; }
