#!/usr/bin/env bash
# Starts or stops the four RightsExchange services as background processes on loopback.
#   deploy/services.sh start                  builds (Release) and starts Gateway :5080, Accounts :5081, Matching :5082,
#                                             Settlement :5083; RX_INSTANCES=2 starts a second instance of each on
#                                             :5090-:5093 (competing consumers; the matching standby takes over a partition)
#   deploy/services.sh start-one NAME N       starts instance N of one service (already built), waits until it is ready
#   deploy/services.sh kill NAME N            kill -9 of instance N of one service (the chaos run's fault)
#   deploy/services.sh stop                   stops every instance
# Logs: $RX_STATE/logs/<service>.log (instance 1) and <service>.<n>.log. Expects the servers of deploy/servers.sh
# (their environment is read from it). RX_DEMO=1 runs them in demo mode (development tokens, a random signing key kept
# in $RX_STATE/demo.key).
set -euo pipefail
cd "$(dirname "$0")/.."
RX_STATE=${RX_STATE:-/tmp/rightsexchange}
LOGS="$RX_STATE/logs"
SERVICES=(Gateway Accounts Matching Settlement)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { echo "[services] $*" >&2; }

port_of() {
  local base
  case "$1" in Gateway) base=5080 ;; Accounts) base=5081 ;; Matching) base=5082 ;; Settlement) base=5083 ;; esac
  echo $((base + (${2:-1} - 1) * 10))
}

suffix() { [ "${1:-1}" = 1 ] && echo "" || echo ".$1"; }
pid_file() { echo "$RX_STATE/$1$(suffix "$2").pid"; }
log_file() { echo "$LOGS/$1$(suffix "$2").log"; }

configure() {
  eval "$(deploy/servers.sh env)"
  # RX_RABBITMQ_CLUSTER=1: the three-node cluster of deploy/rabbitmq-cluster.sh, with quorum queues.
  if [ "${RX_RABBITMQ_CLUSTER:-0}" = 1 ]; then eval "$(deploy/rabbitmq-cluster.sh env)"; fi
  # RX_PG_STANDBY=1: the primary and its synchronous standby of deploy/postgres-replica.sh, the primary found by Npgsql.
  if [ "${RX_PG_STANDBY:-0}" = 1 ]; then eval "$(deploy/postgres-replica.sh env)"; fi
  # Production unless demo mode is asked for: only demo mode serves POST /api/dev/tokens, which mints regulator
  # tokens for anyone. Production needs Auth__SigningKey (32+ characters) or Auth__Authority from the environment.
  if [ "${RX_DEMO:-0}" = 1 ]; then
    export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Demo}
    if [ -z "${Auth__SigningKey:-}" ] && [ -z "${Auth__Authority:-}" ]; then
      mkdir -p "$RX_STATE"
      [ -s "$RX_STATE/demo.key" ] || (umask 077; head -c 48 /dev/urandom | base64 -w0 >"$RX_STATE/demo.key")
      Auth__SigningKey=$(cat "$RX_STATE/demo.key")
      export Auth__SigningKey
    fi
    # Plain one-line logs for people reading them; production logs JSON lines (README, Observability).
    export Logging__Console__FormatterName=${Logging__Console__FormatterName:-simple}
    export Logging__Console__FormatterOptions__SingleLine=true Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff "
  else
    export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
    if [ -z "${Auth__SigningKey:-}" ] && [ -z "${Auth__Authority:-}" ]; then
      log "Production needs Auth__SigningKey (32+ characters) or Auth__Authority in the environment; RX_DEMO=1 runs the demo mode"
      exit 1
    fi
  fi
}

# Starts instance $2 of service $1 unless it runs; does not wait.
launch() {
  local s=$1 i=$2 port dir pid_path
  port=$(port_of "$s" "$i")
  pid_path=$(pid_file "$s" "$i")
  dir="services/$s/RightsExchange.$s/bin/Release/net10.0"
  if [ -f "$pid_path" ] && kill -0 "$(cat "$pid_path")" 2>/dev/null; then
    log "$s $i already running"
    return
  fi
  if curl -s -m 1 "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    log "port $port is taken by another process; stop it first"
    exit 1
  fi
  mkdir -p "$LOGS"
  (cd "$dir" || exit 1; nohup dotnet "RightsExchange.$s.dll" --urls "http://127.0.0.1:$port" >>"$(log_file "$s" "$i")" 2>&1 & echo $! >"$pid_path")
  log "started $s $i on 127.0.0.1:$port (log $(log_file "$s" "$i"))"
}

# Waits until instance $2 of service $1 answers /health/ready; prints its log's tail and fails if it does not.
await_ready() {
  local s=$1 i=$2 port
  port=$(port_of "$s" "$i")
  for _ in $(seq 1 60); do
    if ! kill -0 "$(cat "$(pid_file "$s" "$i")")" 2>/dev/null; then break; fi
    if curl -fs -m 2 "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then return; fi
    sleep 1
  done
  log "$s $i did not become healthy; last lines of its log:"
  tail -n 40 "$(log_file "$s" "$i")" >&2
  exit 1
}

start() {
  configure
  if [ "${RX_DEMO:-0}" = 1 ]; then
    log "DEMO MODE ($ASPNETCORE_ENVIRONMENT): POST /api/dev/tokens mints trader and regulator tokens for anyone; never expose it"
  fi
  log "building (Release)"
  dotnet build RightsExchange.sln -c Release -v quiet -nologo -clp:ErrorsOnly >&2
  local instances=${RX_INSTANCES:-1}
  mkdir -p "$LOGS"
  # The first instances create the schemas and queues; the others start once they are ready.
  for i in $(seq 1 "$instances"); do
    for s in "${SERVICES[@]}"; do
      : >"$(log_file "$s" "$i")"
      launch "$s" "$i"
    done
    for s in "${SERVICES[@]}"; do await_ready "$s" "$i"; done
  done
  log "all services healthy"
}

start_one() {
  configure
  launch "$1" "$2"
  await_ready "$1" "$2"
}

kill_one() {
  local pid_path
  pid_path=$(pid_file "$1" "$2")
  [ -f "$pid_path" ] || return 0
  kill -9 "$(cat "$pid_path")" 2>/dev/null || true
  rm -f "$pid_path"
}

stop() {
  for pid_path in "$RX_STATE"/{Gateway,Accounts,Matching,Settlement}{,.*}.pid; do
    [ -f "$pid_path" ] || continue
    local pid name
    pid=$(cat "$pid_path")
    name=$(basename "$pid_path" .pid)
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      log "stopped $name"
    fi
    rm -f "$pid_path"
  done
}

case "${1:-start}" in
  start) start ;;
  start-one) start_one "${2:?service}" "${3:-1}" ;;
  kill) kill_one "${2:?service}" "${3:-1}" ;;
  stop) stop ;;
  *) echo "usage: $0 start|start-one NAME N|kill NAME N|stop" >&2; exit 2 ;;
esac
