#!/usr/bin/env bash
# The chaos run: PostgreSQL and RabbitMQ (deploy/servers.sh), two instances of each service in demo mode on an empty
# exchange, then rx-chaos (deploy/tools/RightsExchange.Chaos): orders at a fixed rate through both gateways while each
# service instance is killed with kill -9 and restarted, RabbitMQ is restarted and PostgreSQL crashes and restarts, on
# a seeded schedule; then the checks that nothing was lost or duplicated. Exits non-zero on any difference.
# Arguments go to rx-chaos (defaults: 22,500 requests at 100/s, 5 kills of each service, 2 RabbitMQ and 2 PostgreSQL
# restarts); RX_CHAOS_SHORT=1 runs the short version CI runs (3,000 requests, each fault once). Each queue's depth and
# consumers are sampled every 5 s into $RX_STATE/logs/queues.log.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash deploy/servers.sh start >/dev/null
bash deploy/services.sh stop
bash deploy/servers.sh reset
RX_DEMO=1 RX_INSTANCES=2 bash deploy/services.sh start
export RX_DEMO=1

args=("$@")
if [ "${RX_CHAOS_SHORT:-0}" = 1 ]; then
  args=(--requests 3000 --rate 60 --kills 1 --rabbitmq-restarts 1 --postgres-restarts 1 "$@")
fi
dotnet build deploy/tools/RightsExchange.Chaos -c Release -v quiet -nologo -clp:ErrorsOnly >&2
eval "$(bash deploy/servers.sh env)"
# Every 5 s, each queue's depth and consumer count (management API), to see afterwards which queue stalled when.
queues_log="${RX_STATE:-/tmp/rightsexchange}/logs/queues.log"
(
  while sleep 5; do
    echo "$(date +%T) $(curl -s -m 3 -u guest:guest \
      'http://127.0.0.1:15672/api/queues/rightsexchange?columns=name,messages,consumers' || echo unavailable)"
  done
) >"$queues_log" 2>&1 &
sampler=$!
status=0
dotnet deploy/tools/RightsExchange.Chaos/bin/Release/net10.0/rx-chaos.dll "${args[@]}" || status=$?
kill "$sampler" 2>/dev/null || true
bash deploy/services.sh stop
exit $status
