#!/usr/bin/env bash
# A streaming standby of the exchange's PostgreSQL with synchronous commit, and the promotion drill.
# Usage: deploy/postgres-replica.sh start|stop|env|status|promote|drill
#   start:   the primary of deploy/servers.sh, a base backup of it in $RX_STATE/pg-standby started on
#            127.0.0.1:$RX_PG_STANDBY_PORT (55433) as a hot standby streaming from it, and the primary waiting for that
#            standby on every commit (synchronous_standby_names), so a commit the API acknowledged is on both
#   env:     the connection string that names both servers and lets Npgsql find the primary
#            (Target Session Attributes=primary), as the services read it
#   promote: the primary stopped as a crash stops it (pg_ctl stop -m immediate), then the standby promoted; with no
#            standby left the new primary commits without waiting (what Patroni does without synchronous_mode_strict)
#   stop:    stops the standby and lets the primary commit alone again
#   drill:   an empty exchange whose services run on both servers (demo mode), the load tool's open loop at
#            RX_DRILL_RATE orders/s (100) for RX_DRILL_SECONDS (90), the primary crashed and the standby promoted at a
#            third of the run; the load tool's checks (every acknowledged order settled, conservation, reconciliation,
#            chains) decide the exit code. Afterwards the original primary is started again on an emptied database.
set -euo pipefail
cd "$(dirname "$0")/.."

RX_STATE=${RX_STATE:-/tmp/rightsexchange}
RX_PG_PORT=${RX_PG_PORT:-55432}
STANDBY_PORT=${RX_PG_STANDBY_PORT:-55433}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PRIMARY="$RX_STATE/pg"
STANDBY="$RX_STATE/pg-standby"

log() { echo "[postgres-replica] $*" >&2; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
sql() { PGPASSWORD=postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U postgres -tAc "$2"; }
running() { as_postgres "'$PG_BIN/pg_ctl' -D '$1' status" >/dev/null 2>&1; }

print_env() {
  # Host Recheck Seconds: how long Npgsql trusts what it learnt of a host (primary or standby); short, so the
  # promoted standby is found within a second or two of the promotion.
  cat <<ENV
export ConnectionStrings__Marten="Host=127.0.0.1:$RX_PG_PORT,127.0.0.1:$STANDBY_PORT;Database=rightsexchange;Username=postgres;Password=postgres;Target Session Attributes=primary;Host Recheck Seconds=1"
ENV
}

synchronous_standby() {
  sql "$1" "alter system set synchronous_standby_names = '$2'" >/dev/null
  sql "$1" "select pg_reload_conf()" >/dev/null
}

start_standby() {
  bash deploy/servers.sh start >/dev/null
  if running "$STANDBY"; then log "standby already running on $STANDBY_PORT"; return; fi
  # Not waiting for a standby while the base backup is taken (nothing would confirm the primary's commits).
  synchronous_standby "$RX_PG_PORT" ''
  rm -rf "$STANDBY"
  mkdir -p "$STANDBY"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$STANDBY"
  chmod 700 "$STANDBY"
  log "base backup of the primary into $STANDBY"
  as_postgres "PGPASSWORD=postgres '$PG_BIN/pg_basebackup' -h 127.0.0.1 -p $RX_PG_PORT -U postgres -D '$STANDBY' -X stream -R --checkpoint=fast"
  cat >> "$STANDBY/postgresql.conf" <<CONF
port = $STANDBY_PORT
unix_socket_directories = '$STANDBY'
hot_standby = on
CONF
  # The name the primary waits for.
  echo "primary_conninfo = 'host=127.0.0.1 port=$RX_PG_PORT user=postgres password=postgres application_name=rx_standby'" \
    >> "$STANDBY/postgresql.auto.conf"
  rm -f "$STANDBY/postmaster.pid" "$STANDBY/server.log"
  log "starting the standby on 127.0.0.1:$STANDBY_PORT"
  as_postgres "'$PG_BIN/pg_ctl' -D '$STANDBY' -l '$STANDBY/server.log' -w start >/dev/null"
  synchronous_standby "$RX_PG_PORT" rx_standby
  for _ in $(seq 1 60); do
    if [ "$(sql "$RX_PG_PORT" "select sync_state from pg_stat_replication where application_name = 'rx_standby'")" = sync ]; then
      log "standby streaming, synchronous: every commit on the primary waits for it"
      return
    fi
    sleep 1
  done
  log "the standby did not become synchronous; see $STANDBY/server.log"
  exit 1
}

promote() {
  log "$(date +%T) crashing the primary (pg_ctl stop -m immediate)"
  as_postgres "'$PG_BIN/pg_ctl' -D '$PRIMARY' -m immediate stop" >/dev/null
  log "$(date +%T) promoting the standby on $STANDBY_PORT"
  as_postgres "'$PG_BIN/pg_ctl' -D '$STANDBY' -w promote" >/dev/null
  synchronous_standby "$STANDBY_PORT" ''
  log "$(date +%T) the standby is the primary: $(sql "$STANDBY_PORT" "select not pg_is_in_recovery()")"
}

stop_standby() {
  if running "$STANDBY"; then
    as_postgres "'$PG_BIN/pg_ctl' -D '$STANDBY' -m fast stop" >/dev/null
    log "standby stopped"
  fi
  if running "$PRIMARY"; then synchronous_standby "$RX_PG_PORT" ''; fi
}

status() {
  for dir in "$PRIMARY" "$STANDBY"; do
    local port=$RX_PG_PORT
    [ "$dir" = "$STANDBY" ] && port=$STANDBY_PORT
    if running "$dir"; then
      echo "$dir on $port: $(sql "$port" "select case when pg_is_in_recovery() then 'standby' else 'primary' end")"
    else
      echo "$dir on $port: down"
    fi
  done
  if running "$PRIMARY"; then sql "$RX_PG_PORT" "select application_name, state, sync_state from pg_stat_replication"; fi
}

drill() {
  local rate=${RX_DRILL_RATE:-100} seconds=${RX_DRILL_SECONDS:-90} out="$RX_STATE/postgres-drill.txt"
  bash deploy/services.sh stop >/dev/null 2>&1 || true
  stop_standby
  bash deploy/servers.sh start >/dev/null
  bash deploy/servers.sh reset
  start_standby
  RX_DEMO=1 RX_PG_STANDBY=1 bash deploy/services.sh start
  dotnet build deploy/tools/RightsExchange.Load -c Release -v q -nologo >/dev/null
  eval "$(bash deploy/servers.sh env)"
  eval "$(print_env)"
  dotnet deploy/tools/RightsExchange.Load/bin/Release/net10.0/RightsExchange.Load.dll --rate "$rate" \
    --duration "$(printf '00:%02d:%02d' $((seconds / 60)) $((seconds % 60)))" >"$out" 2>&1 &
  local load=$!
  sleep $((seconds / 3))
  promote
  local status=0
  wait "$load" || status=$?
  cat "$out"
  bash deploy/services.sh stop >/dev/null 2>&1 || true
  # Back to the single server of deploy/servers.sh: the promoted standby goes, the old primary starts again on an
  # emptied database (it lacks what was committed after the promotion, as a crashed primary does).
  as_postgres "'$PG_BIN/pg_ctl' -D '$STANDBY' -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$STANDBY"
  bash deploy/servers.sh start >/dev/null
  synchronous_standby "$RX_PG_PORT" ''
  bash deploy/servers.sh reset
  local sent
  sent=$(grep -oP 'orders sent\s+\K.*' "$out" || echo "?")
  if [ "$status" = 0 ]; then
    log "promotion drill passed: orders $sent; every acknowledged order settled, conservation, reconciliation, chains hold"
  else
    log "promotion drill FAILED (load tool exit $status); see $out"
  fi
  return "$status"
}

case "${1:-}" in
  start) start_standby; print_env ;;
  env) print_env ;;
  promote) promote ;;
  stop) stop_standby ;;
  status) status ;;
  drill) drill ;;
  *) echo "usage: $0 start|stop|env|status|promote|drill" >&2; exit 2 ;;
esac
