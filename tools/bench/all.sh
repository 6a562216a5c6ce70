#!/usr/bin/env bash
# Every benchmark of docs/performance.md in one run, one after the other (two
# at once would share the two cores and measure each other), each printing its
# table with the targets of the performance issue and the ratio to them:
#   1. session refresh beside Keycloak 26.5.7, 2,000 sessions, and the open-loop 1,000/s (auth-token.sh)
#   2. session refresh over 100,000 sessions, beside Keycloak's best case run again (auth-token.sh, KEYCLOAK=best)
#   3. gate check open loop at 2,000/s and 5,000/s, and wrk (gate-check.sh)
#   4. footprint and start of each service, four ways to start the JVM, the last as the image starts it (footprint.sh)
#   5. the refresh sweep: 100,000 due tokens at 100 ms per provider call, token-service on JDK 17 and as its image starts it (token-sweep.sh)
#   6. from a token-status event to the card and the bell in the live streams, 1,000 events (event-to-screen.sh)
#   7. the capacity model for 1,000,000 tokens (capacity-model.mjs)
# The whole output is also kept in .run/bench/all-<time>.txt. About 40 minutes.
#   tools/bench/all.sh [steps="1 2 3 4 5 6 7"]
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"

STEPS=${1:-"1 2 3 4 5 6 7"}
OUT="$RUN_DIR/bench/all-$(date +%Y%m%d-%H%M).txt"
mkdir -p "$RUN_DIR/bench"
BENCH="$ROOT/tools/bench"
# only the tables reach the summary; each script's progress stays on the terminal
section() { printf '\n## %s\n' "$1" | tee -a "$OUT"; }
tables() { grep -E '^\||^[a-z].*[:=]' | tee -a "$OUT"; }

for s in $STEPS; do
  wait_for_quiet_cores 120   # the last step's aftermath (scripts/lib.sh)
  case $s in
    1) section "1. Session refresh, 2,000 sessions, beside Keycloak (targets: >= 2x Keycloak's best case on Temurin 25, >= 85 % of the signing ceiling on JDK 17, p99 <= 20 ms at c=32)"
       "$BENCH/auth-token.sh" 2000 30 32 | tables ;;
    2) section "2. Session refresh, 100,000 sessions (same targets; Keycloak's best case again, in this step)"
       KEYCLOAK=best "$BENCH/auth-token.sh" 100000 30 32 | tables ;;
    3) section "3. Gate check, open loop (targets: p99 <= 5 ms at 2,000/s, <= 10 ms at 5,000/s)"
       "$BENCH/gate-check.sh" "2000 5000" 30 | tables ;;
    4) section "4. Footprint and start (targets: ready <= 3 s, RSS <= 200 MB after the load)"
       "$BENCH/footprint.sh" | tables ;;
    5) section "5. Refresh sweep, 100,000 due tokens at 100 ms (target: <= 1.25x N x latency / concurrency)"
       "$BENCH/token-sweep.sh" 100000 100 100 | tables
       # and as the image starts it, from the AOT cache step 4 trained (the RSS that the Deployment's limit holds)
       JVM=temurin25-aot "$BENCH/token-sweep.sh" 100000 100 100 | tables ;;
    6) section "6. Event to screen, 1,000 events at 20/s (the requirement: within a second)"
       "$BENCH/event-to-screen.sh" 50 20 20 | tables ;;
    7) section "7. Capacity model, 1,000,000 tokens (docs/capacity.md)"
       node "$BENCH/capacity-model.mjs" | tee -a "$OUT" ;;
    *) fail "unknown step $s" ;;
  esac
done
step "All figures: $OUT"
