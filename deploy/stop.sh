#!/usr/bin/env bash
# Stops the four services, then PostgreSQL and RabbitMQ as started by deploy/run.sh. Data stays in ${RX_STATE:-/tmp/rightsexchange}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/services.sh stop
bash deploy/servers.sh stop
