#!/usr/bin/env bash
# The main job: brings up PostgreSQL and RabbitMQ (installing RabbitMQ if missing), starts the four services on an
# empty ledger, and replays the documented trades end to end through the public API.
# Exits non-zero if any trade fails to settle, a balance is off, conservation does not hold, reconciliation finds a
# difference, or an audit chain does not verify.
# The services keep running afterwards (gateway on http://127.0.0.1:5080, API reference at /scalar, console at /console/);
# deploy/stop.sh stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

RX_FRESH_BROKER=1 bash deploy/servers.sh start >/dev/null
bash deploy/services.sh stop
bash deploy/servers.sh reset
# Demo mode: the replay and the audit tool take their tokens from POST /api/dev/tokens.
RX_DEMO=1 bash deploy/services.sh start

echo "[run] replaying deploy/scenarios/documented-trades.json" >&2
dotnet build deploy/tools/RightsExchange.Replay -c Release -v quiet -nologo -clp:ErrorsOnly >&2
status=0
dotnet deploy/tools/RightsExchange.Replay/bin/Release/net10.0/RightsExchange.Replay.dll \
  --gateway http://127.0.0.1:5080 --scenario deploy/scenarios/documented-trades.json || status=$?

# Settlement summary and reconciliation of the settlement ledger with the registry (rx-audit reconcile).
echo
dotnet build deploy/tools/RightsExchange.Audit -c Release -v quiet -nologo -clp:ErrorsOnly >&2
dotnet deploy/tools/RightsExchange.Audit/bin/Release/net10.0/rx-audit.dll reconcile --gateway http://127.0.0.1:5080 || status=$?

# The audit chains follow each log a moment behind; then anyone with read access can recompute them.
echo
echo "Audit chains (rx-audit verify: recomputed from the raw event tables):"
eval "$(bash deploy/servers.sh env)"
dotnet deploy/tools/RightsExchange.Audit/bin/Release/net10.0/rx-audit.dll verify --wait 30 || status=$?

echo
echo "Services are still running: gateway http://127.0.0.1:5080 (API reference: /scalar), logs in ${RX_STATE:-/tmp/rightsexchange}/logs."
echo "Console: http://127.0.0.1:5080/console/ (sign in as a regulator, or as a trader of a participant such as hebei-steel)."
echo "Stop everything with: bash deploy/stop.sh"
exit $status
