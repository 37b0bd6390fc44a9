#!/usr/bin/env bash
# A three-node RabbitMQ cluster on this machine, from the OS package, beside the single node of deploy/servers.sh:
#   nodes rx-a, rx-b, rx-c @localhost on 127.0.0.1:5701, 5702, 5703 (management 15701-15703), state under
#   $RX_STATE/rabbitmq-cluster; virtual host rightsexchange, guest/guest.
# Usage: deploy/rabbitmq-cluster.sh start|stop|env|kill NODE|start-node NODE|status|drill
#   env:        the settings that point the services at the cluster, with the exchange's queues as quorum queues
#   kill NODE:  kill -9 of one node (a, b or c), as the loss of its machine looks to the others
#   start-node: starts a node again; it rejoins the cluster and its quorum queue replicas catch up
#   drill:      an empty exchange on the cluster (services in demo mode), the load tool's open loop at
#               RX_DRILL_RATE orders/s (100) for RX_DRILL_SECONDS (90) while node a, the one every service is
#               connected to, is killed at a third of the run and started again at two thirds; the load tool's
#               checks (every acknowledged order settled, conservation, reconciliation, chains) decide the exit code
set -euo pipefail
cd "$(dirname "$0")/.."

RX_STATE=${RX_STATE:-/tmp/rightsexchange}
BASE="$RX_STATE/rabbitmq-cluster"
NODES=(a b c)

log() { echo "[rabbitmq-cluster] $*" >&2; }
port() { case "$1" in a) echo 5701 ;; b) echo 5702 ;; c) echo 5703 ;; *) echo "no node $1" >&2; exit 2 ;; esac; }
name() { echo "rx-$1@localhost"; }
ctl() { local node=$1; shift; rabbitmqctl -q -n "$(name "$node")" "$@"; }
running() { rabbitmq-diagnostics -q -n "$(name "$1")" ping >/dev/null 2>&1; }

# Starts node $1 without waiting for it.
launch_node() {
  local node=$1 dir="$BASE/$1" amqp
  amqp=$(port "$node")
  if running "$node"; then log "node $node already running"; return; fi
  mkdir -p "$dir"
  cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = 1$amqp
CONF
  echo '[rabbitmq_management].' > "$dir/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$BASE" 2>/dev/null || true
  local runner=(bash -c)
  [ "$(id -u)" = 0 ] && runner=(su rabbitmq -s /bin/bash -c)
  # Distribution port: the AMQP port + 20000, RabbitMQ's default rule; idle schedulers do not spin (see servers.sh).
  "${runner[@]}" "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='+sbwt none +sbwtdcpu none +sbwtdio none' \
RABBITMQ_DIST_PORT=$((amqp + 20000)) RABBITMQ_CONFIG_FILE='$dir/rabbitmq' RABBITMQ_MNESIA_BASE='$dir/mnesia' \
RABBITMQ_LOG_BASE='$dir/log' RABBITMQ_ENABLED_PLUGINS_FILE='$dir/enabled_plugins' RABBITMQ_NODENAME=$(name "$node") \
nohup rabbitmq-server >'$dir/console.log' 2>&1 &"
}

# Waits until node $1 has booted; fails after about four minutes.
await_node() {
  local node=$1
  for _ in $(seq 1 120); do
    if running "$node" && ctl "$node" await_startup --timeout 120 >/dev/null 2>&1; then
      log "node $node up on 127.0.0.1:$(port "$node")"
      return
    fi
    sleep 1
  done
  log "node $node did not start; see $BASE/$node/log"
  tail -n 20 "$BASE/$node/console.log" >&2 || true
  exit 1
}

start_node() { launch_node "$1"; await_node "$1"; }

start_cluster() {
  command -v rabbitmq-server >/dev/null 2>&1 || { log "RabbitMQ is not installed: run deploy/servers.sh start first"; exit 1; }
  # All three at once: after the whole cluster stopped, each node waits at boot for the tables of the others
  # (RabbitMQ's rule for a full-cluster restart), so starting them one after another would wait out the timeout.
  for node in "${NODES[@]}"; do launch_node "$node"; done
  for node in "${NODES[@]}"; do await_node "$node"; done
  for node in b c; do
    if ctl a cluster_status 2>/dev/null | grep -q "$(name "$node")"; then continue; fi
    ctl "$node" stop_app >/dev/null
    ctl "$node" join_cluster "$(name a)" >/dev/null
    ctl "$node" start_app >/dev/null
    log "node $node joined the cluster"
  done
  ctl a add_vhost rightsexchange >/dev/null 2>&1 || true
  ctl a set_permissions -p rightsexchange guest '.*' '.*' '.*' >/dev/null
}

print_env() {
  cat <<ENV
export RabbitMq__Host=127.0.0.1
export RabbitMq__Port=5701
export RabbitMq__VirtualHost=rightsexchange
export RabbitMq__Username=guest
export RabbitMq__Password=guest
export RabbitMq__Nodes__0=127.0.0.1:5701
export RabbitMq__Nodes__1=127.0.0.1:5702
export RabbitMq__Nodes__2=127.0.0.1:5703
export RabbitMq__QuorumQueues=true
ENV
}

kill_node() {
  local pid
  pid=$(ctl "$1" eval 'os:getpid().' 2>/dev/null | tr -d '"')
  [ -n "$pid" ] && kill -9 "$pid" && log "node $1 killed (kill -9 of pid $pid)"
}

stop_cluster() {
  for node in "${NODES[@]}"; do ctl "$node" shutdown >/dev/null 2>&1 && log "node $node stopped" || true; done
}

drill() {
  local rate=${RX_DRILL_RATE:-100} seconds=${RX_DRILL_SECONDS:-90} out="$RX_STATE/rabbitmq-drill.txt"
  bash deploy/servers.sh start >/dev/null
  start_cluster
  bash deploy/services.sh stop >/dev/null 2>&1 || true
  bash deploy/servers.sh reset
  ctl a delete_vhost rightsexchange >/dev/null 2>&1 || true
  ctl a add_vhost rightsexchange >/dev/null
  ctl a set_permissions -p rightsexchange guest '.*' '.*' '.*' >/dev/null
  RX_DEMO=1 RX_RABBITMQ_CLUSTER=1 bash deploy/services.sh start
  dotnet build deploy/tools/RightsExchange.Load -c Release -v q -nologo >/dev/null
  eval "$(bash deploy/servers.sh env)"
  # The load tool listens on node c, so the node killed is one its own subscription does not depend on.
  dotnet deploy/tools/RightsExchange.Load/bin/Release/net10.0/RightsExchange.Load.dll --rate "$rate" \
    --duration "$(printf '00:%02d:%02d' $((seconds / 60)) $((seconds % 60)))" --rabbitmq-host 127.0.0.1:5703 \
    --rabbitmq-management http://guest:guest@127.0.0.1:15703/ >"$out" 2>&1 &
  local load=$!
  sleep $((seconds / 3)); log "$(date +%T) killing node a, the node every service is connected to"; kill_node a
  sleep $((seconds / 3)); log "$(date +%T) starting node a again"; start_node a
  local status=0
  wait "$load" || status=$?
  cat "$out"
  bash deploy/services.sh stop >/dev/null 2>&1 || true
  # The load tool retries an order answered 5xx under the same client order id, as a client would while the services
  # fail over; its checks say whether every acknowledged order settled and the ledgers hold.
  local sent
  sent=$(grep -oP 'orders sent\s+\K.*' "$out" || echo "?")
  if [ "$status" = 0 ]; then
    log "node-kill drill passed: orders $sent; every acknowledged order settled, conservation, reconciliation, chains hold"
  else
    log "node-kill drill FAILED (load tool exit $status); see $out"
  fi
  return "$status"
}

case "${1:-start}" in
  start) start_cluster; print_env ;;
  stop) stop_cluster ;;
  env) print_env ;;
  kill) kill_node "${2:?node: a, b or c}" ;;
  start-node) start_node "${2:?node: a, b or c}" ;;
  status) ctl a cluster_status ;;
  drill) drill ;;
  *) echo "usage: $0 start|stop|env|kill NODE|start-node NODE|status|drill" >&2; exit 2 ;;
esac
