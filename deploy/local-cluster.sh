#!/usr/bin/env bash
# A local ControlPlane cluster on loopback: a throwaway PostgreSQL, the schema migrated once, three Orleans silos (one hosting no
# sled, two hosting one sled each) and the HTTP gateway as a cluster client (gateways from the membership table). Waits until everything is
# healthy, prints the URLs, and on Ctrl-C (or SIGTERM) stops the gateway, the silos and PostgreSQL, then removes
# the temporary directory.
#
#   deploy/local-cluster.sh            # ports: API 8080/8081, silos 11111-11113, gateways 30000-30002
#   PORT_OFFSET=100 deploy/local-cluster.sh   # every port + 100 (two clusters side by side)
#
# Needs the .NET SDK and PostgreSQL server binaries (apt-get install postgresql). Nothing is installed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OFFSET="${PORT_OFFSET:-0}"
CONFIGURATION="${CONFIGURATION:-Debug}"
API_EXTERNAL=$((8080 + OFFSET)); API_INTERNAL=$((8081 + OFFSET)); PG_PORT=$((55432 + OFFSET))
SLED_A="5f0c0a61-3b1e-4c8e-9a51-000000000001"
SLED_B="5f0c0a61-3b1e-4c8e-9a51-000000000002"
CLUSTER_ID="local-$$"

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

WORK="$(mktemp -d -t controlplane-local-XXXXXX)"
PIDS=()
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_all() {
  trap - INT TERM EXIT
  echo; echo "stopping..."
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do kill -TERM "${PIDS[$i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
  echo "stopped."
}
trap stop_all INT TERM EXIT

echo "building ($CONFIGURATION)..."
dotnet build "$ROOT/Silo" -c "$CONFIGURATION" -v q -nologo >/dev/null
dotnet build "$ROOT/Api" -c "$CONFIGURATION" -v q -nologo >/dev/null

echo "starting PostgreSQL on 127.0.0.1:$PG_PORT..."
mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK" "$WORK/pg"
as_postgres "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"

# One folder per process with its own appsettings.json: the sled list is an array, which command-line
# overrides cannot shorten, so each silo gets exactly the sleds it hosts.
write_silo_config() { # name index sleds-json
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1/appsettings.json" <<JSON
{
  "ConnectionStrings": { "ControlPlane": "$CONNECTION" },
  "Silo": { "ClusterId": "$CLUSTER_ID", "ServiceId": "controlplane", "SiloName": "$1" },
  "Endpoints": { "AdvertisedHost": "127.0.0.1", "SiloPort": $((11111 + OFFSET + $2)), "GatewayPort": $((30000 + OFFSET + $2)) },
  "Specs": { "EnabledFamilies": "Falcon, FailureInjection" },
  "Sleds": $3,
  "Serilog": { "MinimumLevel": { "Default": "Information", "Override": { "Microsoft": "Warning" } } }
}
JSON
}
write_silo_config silo-nexus 0 '[]'
write_silo_config silo-sled-a 1 "[{\"id\":\"$SLED_A\",\"cpus\":32,\"memory_mib\":131072}]"
write_silo_config silo-sled-b 2 "[{\"id\":\"$SLED_B\",\"cpus\":32,\"memory_mib\":131072}]"
mkdir -p "$WORK/api"
cat > "$WORK/api/appsettings.json" <<JSON
{
  "Api": { "ExternalUrl": "http://127.0.0.1:$API_EXTERNAL", "InternalUrl": "http://127.0.0.1:$API_INTERNAL" },
  "ConnectionStrings": { "ControlPlane": "$CONNECTION" },
  "Client": { "Enabled": true, "ClusterId": "$CLUSTER_ID", "ServiceId": "controlplane" },
  "Serilog": { "MinimumLevel": { "Default": "Information", "Override": { "Microsoft": "Warning", "Microsoft.Hosting.Lifetime": "Information" } } }
}
JSON

start() { # folder dll
  (cd "$WORK/$1" && exec dotnet exec "$2" >"$WORK/$1.log" 2>&1) &
  PIDS+=($!)
}
BIN="bin/$CONFIGURATION/net10.0"
echo "migrating the schema (deploy/sql)..."
(cd "$WORK/silo-nexus" && dotnet exec "$ROOT/Silo/$BIN/ControlPlane.Silo.dll" migrate)
for silo in silo-nexus silo-sled-a silo-sled-b; do
  echo "starting $silo..."
  start "$silo" "$ROOT/Silo/$BIN/ControlPlane.Silo.dll"
done

wait_for() { # description command...
  local description="$1"; shift
  for _ in $(seq 1 120); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$description did not come up; logs in $WORK" >&2
  tail -n 20 "$WORK"/*.log >&2 || true
  exit 1
}
for i in 0 1 2; do wait_for "silo gateway $((30000 + OFFSET + i))" bash -c "exec 3<>/dev/tcp/127.0.0.1/$((30000 + OFFSET + i))"; done

echo "starting the gateway..."
start api "$ROOT/Api/$BIN/ControlPlane.Api.dll"
wait_for "the gateway" curl -fs "http://127.0.0.1:$API_EXTERNAL/readyz"
wait_for "two sleds" bash -c "curl -fs http://127.0.0.1:$API_EXTERNAL/v1/sleds | grep -q $SLED_B"

cat <<EOF

ControlPlane local cluster is up (cluster id $CLUSTER_ID):
  external API   http://127.0.0.1:$API_EXTERNAL    (try: curl http://127.0.0.1:$API_EXTERNAL/v1/sleds)
  internal API   http://127.0.0.1:$API_INTERNAL
  metrics        http://127.0.0.1:$API_INTERNAL/metrics
  dashboard      http://127.0.0.1:$API_INTERNAL/dashboard/
  API reference  http://127.0.0.1:$API_EXTERNAL/docs/ (external), http://127.0.0.1:$API_INTERNAL/docs/ (internal)
  PostgreSQL     $CONNECTION
  silos          silo-nexus (no sled), silo-sled-a ($SLED_A), silo-sled-b ($SLED_B)
  logs           $WORK/*.log
Ctrl-C stops everything.
EOF
wait "${PIDS[@]}"
