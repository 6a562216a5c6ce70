#!/usr/bin/env bash
# From a token-status event to what a client sees (C2, N1), over many events:
# the whole system as the local run starts it (scripts/run-local.sh: PostgreSQL,
# Kafka, the four services, the simulator, the gateway), W workspaces of U
# connected Meta users with their live streams open, then one deauthorization
# after another at a fixed pace (tools/bench/EventToScreen.java). Prints p50 /
# p90 / p99 / max from the state change's commit to the yellow card in the cards
# stream, to the bell's entry, and the outbox relay's share. Not a test.
#   tools/bench/event-to-screen.sh [workspaces=50] [usersPerWorkspace=20] [perSecond=20]
# Uses the local run's ports (8080-8089, 55432, 9092): stop a running local run first.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
load_local_secrets

WORKSPACES=${1:-50} PER_WORKSPACE=${2:-20} RATE=${3:-20}
WORK="$RUN_DIR/bench"
mkdir -p "$WORK"
port_open 127.0.0.1 8080 && fail "port 8080 is taken: stop the local run first"

step "Starting the local system (scripts/run-local.sh; log: $WORK/event-to-screen-system.log)"
"$ROOT/scripts/run-local.sh" >"$WORK/event-to-screen-system.log" 2>&1 &
SYSTEM=$!
trap 'kill -TERM $SYSTEM 2>/dev/null; wait $SYSTEM 2>/dev/null || true' EXIT
wait_for 300 "the local system (see $WORK/event-to-screen-system.log)" grep -q 'is running' "$WORK/event-to-screen-system.log"

step "$((WORKSPACES * PER_WORKSPACE)) events, $RATE per second"
CP="$ROOT/token-service/target/quarkus-app/lib/main/*"
java -cp "$CP" "$ROOT/tools/bench/EventToScreen.java" http://127.0.0.1:8080 http://127.0.0.1:8089 127.0.0.1:9092 "$META_APP_SECRET" \
  "$WORKSPACES" "$PER_WORKSPACE" "$RATE" http://127.0.0.1:8081 2>"$WORK/event-to-screen.log" | grep '^RESULT' >"$WORK/event-to-screen.txt" \
  || { tail -20 "$WORK/event-to-screen.log" >&2; fail "the measurement failed (see $WORK/event-to-screen.log)"; }
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }
printf '\n| from the state change committed (webhook answered) | events | p50 | p90 | p99 | max | missing |\n|---|---|---|---|---|---|---|\n'
while read -r line; do
  printf '| to %s | %s | %s ms | %s ms | %s ms | %s ms | %s |\n' "$(sed 's/.*figure=\([a-z_]*\).*/\1/; s/_/ /g' <<<"$line")" \
    "$(field events "$line")" "$(field p50_ms "$line")" "$(field p90_ms "$line")" "$(field p99_ms "$line")" "$(field max_ms "$line")" "$(field missing "$line")"
done <"$WORK/event-to-screen.txt"
