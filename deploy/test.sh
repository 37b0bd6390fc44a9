#!/usr/bin/env bash
# The test command. Four parts, all on real servers:
#  1. every test but the messaging end-to-end tests, against PostgreSQL and RabbitMQ started on loopback
#     (deploy/servers.sh installs RabbitMQ, and this script Node.js for the Node subscriber example, if missing),
#     in a RabbitMQ virtual host of their own;
#  2. the messaging end-to-end tests (TradeLifecycleTests), on PostgreSQL and RabbitMQ containers that the tests'
#     fixture starts with Testcontainers, from images built here (deploy/images.sh servers);
#  3. the compose test (deploy/compose.sh test): the whole system brought up with docker-compose, the documented
#     trades replayed through it, one container restarted, nothing lost;
#  4. the chaos run, short version (RX_CHAOS_SHORT=1 deploy/chaos.sh): two instances of each service, each killed
#     once while orders flow, RabbitMQ and PostgreSQL restarted once; nothing lost or duplicated.
# Parts 2 and 3 install and start a Docker engine if none runs. RX_CONTAINER_TESTS=0 skips parts 2 to 4.
# Extra arguments go to `dotnet test` and run part 1 only, over every test (e.g. --filter FullyQualifiedName~OrderBook).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

RX_FRESH_BROKER=1 bash deploy/servers.sh start >/dev/null
eval "$(bash deploy/servers.sh env)"
export RabbitMq__VirtualHost=rightsexchange-test
bash deploy/servers.sh fresh-vhost "$RabbitMq__VirtualHost"

# The non-.NET subscriber test runs examples/node-subscriber (Node.js + amqplib).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "[test] installing Node.js and npm from the OS packages (for the Node subscriber example)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
(cd examples/node-subscriber && npm ci --no-audit --no-fund --silent)

# The console's browser tests drive Debian's Chromium (browsers cannot be downloaded here).
if [ ! -x /usr/bin/chromium ]; then
  echo "[test] installing Chromium from the OS packages (for the console's browser tests)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

log="${RX_STATE:-/tmp/rightsexchange}/test-output.log"
mkdir -p "$(dirname "$log")"
: >"$log"
status=0
CONTAINER_TESTS="FullyQualifiedName~RightsExchange.IntegrationTests.TradeLifecycleTests"
SHARED_TESTS="FullyQualifiedName!~RightsExchange.IntegrationTests.TradeLifecycleTests"
if [ $# -gt 0 ] || [ "${RX_CONTAINER_TESTS:-1}" = 0 ]; then
  dotnet test RightsExchange.sln "$@" 2>&1 | tee -a "$log" || status=$?
else
  echo "[test] 1/4: unit and end-to-end tests on the shared servers" >&2
  dotnet test RightsExchange.sln --filter "$SHARED_TESTS" 2>&1 | tee -a "$log" || status=$?

  echo "[test] the OpenAPI document (docs/openapi.json, checked against the gateway by OpenApiDocumentTests), linted" >&2
  if (cd deploy/tools/openapi-lint && npm ci --no-audit --no-fund --silent && npm run --silent lint) 2>&1 | grep -v '[║╔╚]' | tee -a "$log"; then
    echo "Passed! - Failed: 0, Passed: 1, Skipped: 0, Total: 1 - redocly lint docs/openapi.json" | tee -a "$log"
  else
    status=1
    echo "Failed! - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - redocly lint docs/openapi.json" | tee -a "$log"
  fi

  echo "[test] the console's vendored libraries, compared with the packages they come from (deploy/tools/console)" >&2
  if (cd deploy/tools/console && npm ci --no-audit --no-fund --silent && npm run --silent check) 2>&1 | tee -a "$log"; then
    echo "Passed! - Failed: 0, Passed: 1, Skipped: 0, Total: 1 - deploy/tools/console npm run check" | tee -a "$log"
  else
    status=1
    echo "Failed! - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - deploy/tools/console npm run check" | tee -a "$log"
  fi

  echo "[test] 2/4: messaging end-to-end tests on servers started by Testcontainers" >&2
  bash deploy/images.sh servers
  # No servers given: the fixture starts them. The engine here speaks API 1.41, no reaper image can be pulled, and
  # the containers' ports are reached on loopback (stack-notes).
  env -u ConnectionStrings__Marten -u RabbitMq__Host -u RabbitMq__VirtualHost -u RabbitMq__Username -u RabbitMq__Password \
    DOCKER_API_VERSION=1.41 TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 \
    RX_POSTGRES_IMAGE=rightsexchange/postgres:15 RX_RABBITMQ_IMAGE=rightsexchange/rabbitmq:3.10-management \
    dotnet test tests/RightsExchange.IntegrationTests --filter "$CONTAINER_TESTS" 2>&1 | tee -a "$log" || status=$?

  echo "[test] 3/4: the compose test" >&2
  if bash deploy/compose.sh test; then
    echo "Passed! - Failed: 0, Passed: 1, Skipped: 0, Total: 1 - deploy/compose.sh test" | tee -a "$log"
  else
    status=1
    echo "Failed! - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - deploy/compose.sh test" | tee -a "$log"
  fi

  echo "[test] 4/4: the chaos run, short version" >&2
  if RX_CHAOS_SHORT=1 bash deploy/chaos.sh 2>&1 | tee -a "$log"; then
    echo "Passed! - Failed: 0, Passed: 1, Skipped: 0, Total: 1 - deploy/chaos.sh (short)" | tee -a "$log"
  else
    status=1
    echo "Failed! - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - deploy/chaos.sh (short)" | tee -a "$log"
  fi
fi

# The failed tests by name, so that the end of the output says which ones failed.
grep -E '^\s+Failed [A-Za-z]' "$log" | sed 's/^\s*/[test] failed: /' || true
# One closing line over every test project, from each project's "Passed!/Failed! - Failed: F, Passed: P, ..." summary.
awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { failed += $2; passed += $4; skipped += $6 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit $status
