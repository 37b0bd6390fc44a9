#!/usr/bin/env bash
# The exchange in containers, with docker-compose (Debian's package) on images built on this machine.
#   deploy/compose.sh up     builds every image (deploy/images.sh), brings the system up, waits until all six
#                            containers are healthy; gateway on http://127.0.0.1:${RX_GATEWAY_PORT:-5080}
#   deploy/compose.sh down   stops the system; add --volumes to delete its data too
#   deploy/compose.sh test   the compose test: brings the system up as a project of its own on other ports, replays
#                            the documented trades through the gateway's published port, checks settled balances,
#                            conservation and the audit chains, restarts the accounts container, checks that nothing
#                            was lost, and brings everything down with its volumes. Exits non-zero on any failure.
# Secrets: RX_POSTGRES_PASSWORD and RX_SIGNING_KEY from the environment; when unset, `up` makes them once and keeps
# them in $RX_STATE/compose.secrets (mode 600), since the database volume keeps the first password.
set -euo pipefail
cd "$(dirname "$0")/.."
RX_STATE=${RX_STATE:-/tmp/rightsexchange}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PROJECT=${RX_COMPOSE_PROJECT:-rightsexchange}
mkdir -p "$RX_STATE"

log() { echo "[compose] $*" >&2; }
compose() { docker-compose --project-name "$PROJECT" --env-file deploy/compose/local-images.env -f docker-compose.yml "$@"; }
# Builds a tool quietly; its compiler output is shown only when the build fails.
build_tool() { local out; out=$(dotnet build "$1" -c Release -v quiet -nologo 2>&1) || { echo "$out" >&2; return 1; }; }
random_secret() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40; }

secrets() {
  local file="$RX_STATE/compose.secrets"
  if [ -z "${RX_POSTGRES_PASSWORD:-}" ] || [ -z "${RX_SIGNING_KEY:-}" ]; then
    if [ ! -f "$file" ]; then
      (umask 077; printf 'RX_POSTGRES_PASSWORD=%s\nRX_SIGNING_KEY=%s\n' "$(random_secret)" "$(random_secret)" >"$file")
      log "made secrets for this machine in $file"
    fi
    set -a; . "$file"; set +a
  fi
}

wait_healthy() {
  local deadline=$((SECONDS + ${1:-240})) ids unhealthy
  while true; do
    ids=$(compose ps -q)
    unhealthy=$(for id in $ids; do docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id"; done | grep -v ' healthy$' || true)
    if [ -n "$ids" ] && [ -z "$unhealthy" ]; then log "all containers healthy"; return 0; fi
    if [ $SECONDS -ge $deadline ]; then
      log "not healthy in time: $unhealthy"
      compose logs --tail 40 >&2
      return 1
    fi
    sleep 2
  done
}

up() {
  bash deploy/images.sh
  secrets
  log "bringing up project $PROJECT (gateway on 127.0.0.1:${RX_GATEWAY_PORT:-5080})"
  compose up -d --no-build 2>&1 | sed 's/^/  /' >&2
  wait_healthy
}

replay() {
  build_tool deploy/tools/RightsExchange.Replay
  dotnet deploy/tools/RightsExchange.Replay/bin/Release/net10.0/RightsExchange.Replay.dll \
    --gateway "http://127.0.0.1:$RX_GATEWAY_PORT" --scenario deploy/scenarios/documented-trades.json "$@"
}

reconcile() {
  build_tool deploy/tools/RightsExchange.Audit
  dotnet deploy/tools/RightsExchange.Audit/bin/Release/net10.0/rx-audit.dll reconcile --gateway "http://127.0.0.1:$RX_GATEWAY_PORT"
}

verify_chains() {
  build_tool deploy/tools/RightsExchange.Audit
  ConnectionStrings__Marten="Host=127.0.0.1;Port=$RX_POSTGRES_PORT;Database=rightsexchange;Username=postgres;Password=$RX_POSTGRES_PASSWORD" \
    dotnet deploy/tools/RightsExchange.Audit/bin/Release/net10.0/rx-audit.dll verify --wait 30
}

compose_test() {
  # A project and ports of its own, so the test runs beside deploy/servers.sh's servers and a compose system of yours.
  export PROJECT=rx-compose-test
  export RX_GATEWAY_PORT=${RX_TEST_GATEWAY_PORT:-15080} RX_POSTGRES_PORT=${RX_TEST_POSTGRES_PORT:-15432}
  export RX_RABBITMQ_PORT=${RX_TEST_RABBITMQ_PORT:-15673} RX_RABBITMQ_MANAGEMENT_PORT=${RX_TEST_RABBITMQ_MANAGEMENT_PORT:-15674}
  export RX_POSTGRES_PASSWORD RX_SIGNING_KEY
  RX_POSTGRES_PASSWORD=$(random_secret)
  RX_SIGNING_KEY=$(random_secret)
  # The replay takes its tokens from the development endpoint, which only demo mode serves.
  export RX_GATEWAY_ENVIRONMENT=Demo
  trap 'log "bringing the test system down with its volumes"; compose down --volumes --remove-orphans >/dev/null 2>&1 || true' EXIT
  compose down --volumes --remove-orphans >/dev/null 2>&1 || true
  up

  log "replaying the documented trades through the gateway's published port"
  replay
  reconcile
  verify_chains

  log "restarting the accounts container"
  compose restart accounts 2>&1 | sed 's/^/  /' >&2
  wait_healthy
  log "checking that nothing was lost: every documented trade settled, balances, conservation, chains"
  replay --check-only --settle-timeout 30
  reconcile
  verify_chains
  log "compose test passed"
}

case "${1:-up}" in
  up) up; log "gateway: http://127.0.0.1:${RX_GATEWAY_PORT:-5080} (API reference /scalar); stop with: deploy/compose.sh down" ;;
  down) shift; secrets; compose down "$@" ;;
  test) compose_test ;;
  *) echo "usage: $0 up|down [--volumes]|test" >&2; exit 2 ;;
esac
