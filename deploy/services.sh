#!/usr/bin/env bash
# Starts or stops the four RightsExchange services as background processes on loopback.
#   deploy/services.sh start   builds (Release) and starts Gateway :5080, Accounts :5081, Matching :5082, Settlement :5083
#   deploy/services.sh stop    stops them
# Logs: $RX_STATE/logs/<service>.log. Expects the servers of deploy/servers.sh (their environment is read from it).
# RX_DEMO=1 runs them in demo mode (development tokens, a random signing key kept in $RX_STATE/demo.key).
set -euo pipefail
cd "$(dirname "$0")/.."
RX_STATE=${RX_STATE:-/tmp/rightsexchange}
LOGS="$RX_STATE/logs"
SERVICES=(Gateway Accounts Matching Settlement)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { echo "[services] $*" >&2; }

port_of() {
  case "$1" in Gateway) echo 5080 ;; Accounts) echo 5081 ;; Matching) echo 5082 ;; Settlement) echo 5083 ;; esac
}

start() {
  eval "$(deploy/servers.sh env)"
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
    log "DEMO MODE ($ASPNETCORE_ENVIRONMENT): POST /api/dev/tokens mints trader and regulator tokens for anyone; never expose it"
  else
    export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
    if [ -z "${Auth__SigningKey:-}" ] && [ -z "${Auth__Authority:-}" ]; then
      log "Production needs Auth__SigningKey (32+ characters) or Auth__Authority in the environment; RX_DEMO=1 runs the demo mode"
      exit 1
    fi
  fi
  log "building (Release)"
  dotnet build RightsExchange.sln -c Release -v quiet -nologo -clp:ErrorsOnly >&2
  mkdir -p "$LOGS"
  for s in "${SERVICES[@]}"; do
    local port dir
    port=$(port_of "$s")
    dir="services/$s/RightsExchange.$s/bin/Release/net10.0"
    if [ -f "$RX_STATE/$s.pid" ] && kill -0 "$(cat "$RX_STATE/$s.pid")" 2>/dev/null; then
      log "$s already running"
      continue
    fi
    if curl -s -m 1 "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      log "port $port is taken by another process; stop it first"
      exit 1
    fi
    (cd "$dir" || exit 1; nohup dotnet "RightsExchange.$s.dll" --urls "http://127.0.0.1:$port" >"$LOGS/$s.log" 2>&1 & echo $! >"$RX_STATE/$s.pid")
    log "started $s on 127.0.0.1:$port (log $LOGS/$s.log)"
  done
  for s in "${SERVICES[@]}"; do
    local port ok=""
    port=$(port_of "$s")
    for _ in $(seq 1 60); do
      if ! kill -0 "$(cat "$RX_STATE/$s.pid")" 2>/dev/null; then break; fi
      if curl -fs -m 2 "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then ok=1; break; fi
      sleep 1
    done
    if [ -z "$ok" ]; then
      log "$s did not become healthy; last lines of its log:"
      tail -n 40 "$LOGS/$s.log" >&2
      exit 1
    fi
  done
  log "all services healthy"
}

stop() {
  for s in "${SERVICES[@]}"; do
    [ -f "$RX_STATE/$s.pid" ] || continue
    local pid
    pid=$(cat "$RX_STATE/$s.pid")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      log "stopped $s"
    fi
    rm -f "$RX_STATE/$s.pid"
  done
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
