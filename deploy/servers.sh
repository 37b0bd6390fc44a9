#!/usr/bin/env bash
# Installs (if missing) and starts, or stops, the servers RightsExchange needs, on loopback:
#   PostgreSQL 15 on 127.0.0.1:$RX_PG_PORT (a cluster of our own under $RX_STATE/pg)
#   RabbitMQ on 127.0.0.1:5672 (guest/guest), management UI on 15672
# Usage: deploy/servers.sh start|stop|env|reset
#   reset: empties the exchange's database and RabbitMQ virtual host (servers must be running)
#   fresh-vhost NAME: deletes and recreates a RabbitMQ virtual host (the tests use their own)
#   restart-rabbitmq: stops the node and starts it again with its queues and messages (the chaos run's fault)
#   restart-postgres: pg_ctl restart -m immediate, a crash of the server as far as its clients can tell (chaos run)
# Prints, for `start` and `env`, the environment variables the services and tests read.
set -euo pipefail

RX_STATE=${RX_STATE:-/tmp/rightsexchange}
RX_PG_PORT=${RX_PG_PORT:-55432}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PG_DATA="$RX_STATE/pg"
RMQ_BASE="$RX_STATE/rabbitmq"

export RABBITMQ_NODENAME=rabbit@localhost

log() { echo "[servers] $*" >&2; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

print_env() {
  cat <<ENV
export ConnectionStrings__Marten="Host=127.0.0.1;Port=$RX_PG_PORT;Database=rightsexchange;Username=postgres;Password=postgres"
export RabbitMq__Host=127.0.0.1
export RabbitMq__VirtualHost=rightsexchange
export RabbitMq__Username=guest
export RabbitMq__Password=guest
ENV
}

start_postgres() {
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    log "installing PostgreSQL from the OS packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  mkdir -p "$RX_STATE"
  chmod 755 "$RX_STATE"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "initialising a PostgreSQL cluster in $PG_DATA"
    mkdir -p "$PG_DATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DATA"
    echo postgres > "$RX_STATE/pgpass"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$RX_STATE/pgpass"
    as_postgres "'$PG_BIN/initdb' -D '$PG_DATA' -U postgres --pwfile='$RX_STATE/pgpass' -A scram-sha-256 -E UTF8 >/dev/null"
    cat >> "$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $RX_PG_PORT
unix_socket_directories = '$PG_DATA'
max_connections = 300
shared_buffers = 512MB
fsync = on
synchronous_commit = on
# Under load the ledger writes about 8 MB of WAL a second: checkpoints every 15 minutes rather than every 1 GB, so
# fewer full-page images follow them.
checkpoint_timeout = 15min
max_wal_size = 4GB
CONF
  fi
  if as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DATA' status" >/dev/null 2>&1; then
    log "PostgreSQL already running on $RX_PG_PORT"
  else
    log "starting PostgreSQL on 127.0.0.1:$RX_PG_PORT"
    as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DATA' -l '$PG_DATA/server.log' -w start >/dev/null"
  fi
  if ! PGPASSWORD=postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$RX_PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='rightsexchange'" | grep -q 1; then
    PGPASSWORD=postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$RX_PG_PORT" -U postgres -qc "create database rightsexchange" >/dev/null
  fi
}

# The node answers ping before the rabbit application has booted; vhost and permission commands need the app.
await_rabbit_app() {
  rabbitmqctl -q await_startup --timeout "${1:-120}" >/dev/null
}

start_rabbitmq() {
  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    log "installing RabbitMQ from the OS packages (about a minute)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
    # The package starts a server through the init system where there is one; ours is started below.
    env -u RABBITMQ_NODENAME rabbitmqctl shutdown >/dev/null 2>&1 || true
  fi
  if rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
    log "RabbitMQ already running"
    await_rabbit_app
    return
  fi
  log "starting RabbitMQ on 127.0.0.1:5672"
  # A node killed with its queues full (a load run, a machine image taken while it ran) recovers its message store
  # for minutes before it boots. The test and main commands empty the exchange anyway, so they start the broker
  # empty (RX_FRESH_BROKER=1); otherwise its queues and messages are kept, as a restart must keep them.
  if [ "${RX_FRESH_BROKER:-0}" = 1 ]; then rm -rf "$RMQ_BASE/mnesia"; fi
  mkdir -p "$RMQ_BASE"
  chown -R rabbitmq:rabbitmq "$RMQ_BASE" 2>/dev/null || true
  cat > "$RMQ_BASE/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:5672
management.tcp.ip = 127.0.0.1
management.tcp.port = 15672
CONF
  chown rabbitmq:rabbitmq "$RMQ_BASE/rabbitmq.conf" 2>/dev/null || true
  echo '[rabbitmq_management].' > "$RMQ_BASE/enabled_plugins"
  chown rabbitmq:rabbitmq "$RMQ_BASE/enabled_plugins" 2>/dev/null || true
  local runner=(bash -c)
  [ "$(id -u)" = 0 ] && runner=(su rabbitmq -s /bin/bash -c)
  # Erlang's schedulers busy-wait when idle; on two cores shared with PostgreSQL and four services that steals the
  # CPU the others need (measured: README, Performance).
  "${runner[@]}" "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='+sbwt none +sbwtdcpu none +sbwtdio none' RABBITMQ_CONFIG_FILE='$RMQ_BASE/rabbitmq' RABBITMQ_MNESIA_BASE='$RMQ_BASE/mnesia' RABBITMQ_LOG_BASE='$RMQ_BASE/log' RABBITMQ_ENABLED_PLUGINS_FILE='$RMQ_BASE/enabled_plugins' RABBITMQ_NODENAME=$RABBITMQ_NODENAME nohup rabbitmq-server >'$RMQ_BASE/console.log' 2>&1 &"
  for _ in $(seq 1 90); do
    if rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
      if ! await_rabbit_app "${RX_RABBIT_BOOT_TIMEOUT:-300}"; then
        log "RabbitMQ answered but did not finish booting within ${RX_RABBIT_BOOT_TIMEOUT:-300} s; see $RMQ_BASE/log"
        tail -n 30 "$RMQ_BASE"/log/*.log >&2 || true
        exit 1
      fi
      log "RabbitMQ is up"
      return
    fi
    sleep 1
  done
  log "RabbitMQ did not answer within 90 s; see $RMQ_BASE/console.log"
  tail -n 30 "$RMQ_BASE/console.log" >&2 || true
  exit 1
}

ensure_vhost() {
  local vhost=${1:-rightsexchange}
  rabbitmqctl -q add_vhost "$vhost" >/dev/null 2>&1 || true
  rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
}

fresh_vhost() {
  rabbitmqctl -q delete_vhost "$1" >/dev/null 2>&1 || true
  ensure_vhost "$1"
}

reset_all() {
  log "emptying database rightsexchange and virtual host rightsexchange"
  PGPASSWORD=postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$RX_PG_PORT" -U postgres -qc "drop database if exists rightsexchange with (force)" >/dev/null
  PGPASSWORD=postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$RX_PG_PORT" -U postgres -qc "create database rightsexchange" >/dev/null
  fresh_vhost rightsexchange
}

stop_all() {
  if [ -n "$PG_BIN" ] && [ -f "$PG_DATA/PG_VERSION" ]; then
    as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DATA' -m fast stop" >/dev/null 2>&1 && log "PostgreSQL stopped" || true
  fi
  if command -v rabbitmqctl >/dev/null 2>&1; then
    rabbitmqctl -q shutdown >/dev/null 2>&1 && log "RabbitMQ stopped" || true
  fi
}

# A restarted node has once stalled for minutes after recovering its queues, logging nothing (3.10, Mnesia
# "overloaded" during boot); an operator would kill it and start it again, so this does too, once, and says so.
restart_rabbitmq() {
  rabbitmqctl -q shutdown >/dev/null 2>&1 || true
  if (RX_FRESH_BROKER=0 RX_RABBIT_BOOT_TIMEOUT=120 start_rabbitmq); then return; fi
  log "RabbitMQ stalled while booting; killing the node (kill -9) and starting it again with its queues"
  local pid
  pid=$(rabbitmqctl -q eval 'os:getpid().' 2>/dev/null | tr -d '"')
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  sleep 2
  RX_FRESH_BROKER=0 start_rabbitmq
}

restart_postgres() {
  as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DATA' -m immediate -w restart -l '$PG_DATA/server.log'" >/dev/null
}

case "${1:-start}" in
  start) start_postgres; start_rabbitmq; ensure_vhost; print_env ;;
  reset) reset_all ;;
  fresh-vhost) fresh_vhost "${2:?virtual host name}" ;;
  restart-rabbitmq) restart_rabbitmq ;;
  restart-postgres) restart_postgres ;;
  stop) stop_all ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|env|reset|fresh-vhost NAME|restart-rabbitmq|restart-postgres" >&2; exit 2 ;;
esac
