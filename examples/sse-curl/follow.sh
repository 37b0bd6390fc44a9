#!/usr/bin/env bash
# Follows the RightsExchange feed (GET /api/feed, server-sent events) with curl and prints one line per event:
#
#   <id> <type> <subject>
#
# where id is the event's rxsequence. The last id seen is kept in a file, so a reconnect (after 1 s) or the next run
# resumes right after it (Last-Event-ID) with no gap and no repeat. Needs bash (4.1 or later) and curl; no jq.
#
# Environment:
#   RX_GATEWAY       gateway base URL                       (default http://127.0.0.1:5080)
#   RX_TOKEN         a trader token: adds that participant's private order events (default none: public types only)
#   RX_LAST_ID_FILE  where the last id is kept               (default ./.last-event-id). Without it the stream
#                    starts at the present (and, until a first event gives it an id, a reconnect starts at the
#                    present again); write 0 into it to replay the feed from the beginning.
#   RX_TYPES         comma-separated CloudEvent types to receive (default all the caller may see)
#
# Stop with Ctrl-C or SIGTERM.
set -u

gateway="${RX_GATEWAY:-http://127.0.0.1:5080}"
last_id_file="${RX_LAST_ID_FILE:-./.last-event-id}"
url="${gateway%/}/api/feed"
[[ -n "${RX_TYPES:-}" ]] && url="${url}?types=${RX_TYPES}"

follower=""
stop() {
  [[ -n "$follower" ]] && kill -TERM "$follower" 2>/dev/null
  exit 0
}
trap stop INT TERM

read_last_id() {
  local saved=""
  [[ -r "$last_id_file" ]] && IFS= read -r saved < "$last_id_file"
  [[ "$saved" =~ ^[0-9]+$ ]] && printf '%s' "$saved"
}

# One connection (run in the background so that signals interrupt `wait`): prints the events it receives and
# returns when the stream ends.
follow_once() {
  local last_id args=(-sS -N --fail --connect-timeout 5 -H 'Accept: text/event-stream' -H 'Cache-Control: no-cache')
  last_id="$(read_last_id)"
  [[ -n "$last_id" ]] && args+=(-H "Last-Event-ID: ${last_id}")

  # curl runs in a process substitution; on TERM (sent by stop) this subshell ends curl before leaving.
  local stream
  exec {stream}< <(
    if [[ -n "${RX_TOKEN:-}" ]]; then
      # The token goes through a file descriptor, not the command line, so it does not show in ps.
      exec curl "${args[@]}" -H @<(printf 'Authorization: Bearer %s\n' "$RX_TOKEN") "$url"
    else
      exec curl "${args[@]}" "$url"
    fi
  )
  local curl_proc=$!
  trap 'kill "$curl_proc" 2>/dev/null; wait "$curl_proc" 2>/dev/null; exit 0' TERM

  local line field value id="" type="" data="" subject
  while IFS= read -r -u "$stream" line || [[ -n "$line" ]]; do
    line="${line%$'\r'}"
    if [[ -z "$line" ]]; then
      # A blank line dispatches the event gathered so far.
      if [[ -n "$data" ]]; then
        subject=""
        [[ "$data" =~ \"subject\"[[:space:]]*:[[:space:]]*\"([^\"]*)\" ]] && subject="${BASH_REMATCH[1]}"
        if [[ -z "$type" && "$data" =~ \"type\"[[:space:]]*:[[:space:]]*\"([^\"]*)\" ]]; then type="${BASH_REMATCH[1]}"; fi
        printf '%s %s %s\n' "${id:--}" "${type:-message}" "${subject:--}"
        if [[ "$id" =~ ^[0-9]+$ ]]; then printf '%s\n' "$id" > "$last_id_file"; fi
      fi
      type=""
      data=""
      continue
    fi
    [[ "$line" == :* ]] && continue # comment / keep-alive
    field="${line%%:*}"
    if [[ "$line" == *:* ]]; then value="${line#*:}"; value="${value# }"; else value=""; fi
    case "$field" in
      id) id="$value" ;;
      event) type="$value" ;;
      data) data="${data:+$data$'\n'}$value" ;;
    esac
  done
  exec {stream}<&-
}

while :; do
  follow_once &
  follower=$!
  wait "$follower"
  follower=""
  last_id="$(read_last_id)"
  echo "follow.sh: stream ended; reconnecting in 1 s${last_id:+, resuming after id $last_id}" >&2
  sleep 1 &
  wait $!
done
