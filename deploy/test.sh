#!/usr/bin/env bash
# The test command: starts PostgreSQL and RabbitMQ on loopback (installing RabbitMQ, and Node.js for the Node
# subscriber example, if missing), gives the tests a
# RabbitMQ virtual host of their own, and runs every test project (unit and end-to-end) against the real servers.
# Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~OrderBook).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash deploy/servers.sh start >/dev/null
eval "$(bash deploy/servers.sh env)"
export RabbitMq__VirtualHost=rightsexchange-test
bash deploy/servers.sh fresh-vhost "$RabbitMq__VirtualHost"

# The non-.NET subscriber test runs examples/node-subscriber (Node.js + amqplib).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "[test] installing Node.js and npm from the OS packages (for the Node subscriber example)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
(cd examples/node-subscriber && npm ci --no-audit --no-fund --silent)

log="${RX_STATE:-/tmp/rightsexchange}/test-output.log"
mkdir -p "$(dirname "$log")"
status=0
dotnet test RightsExchange.sln "$@" 2>&1 | tee "$log" || status=$?

# One closing line over every test project, from each project's "Passed!/Failed! - Failed: F, Passed: P, ..." summary.
awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { failed += $2; passed += $4; skipped += $6 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit $status
