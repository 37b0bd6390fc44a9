#!/usr/bin/env bash
# The test command: starts PostgreSQL and RabbitMQ on loopback (installing RabbitMQ if missing), gives the tests a
# RabbitMQ virtual host of their own, and runs every test project (unit and end-to-end) against the real servers.
# Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~OrderBook).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash deploy/servers.sh start >/dev/null
eval "$(bash deploy/servers.sh env)"
export RabbitMq__VirtualHost=rightsexchange-test
bash deploy/servers.sh fresh-vhost "$RabbitMq__VirtualHost"

log="${RX_STATE:-/tmp/rightsexchange}/test-output.log"
mkdir -p "$(dirname "$log")"
status=0
dotnet test RightsExchange.sln "$@" 2>&1 | tee "$log" || status=$?

# One closing line over every test project, from each project's "Passed!/Failed! - Failed: F, Passed: P, ..." summary.
awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { failed += $2; passed += $4; skipped += $6 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit $status
