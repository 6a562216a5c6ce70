#!/usr/bin/env bash
# Benchmark of the refresh job (T3): N due Meta tokens, the simulator answering
# every call after LATENCY ms, one sweep with CONCURRENCY refreshes in flight.
# Prints wall time, refreshes/s, the ratio to the ideal N x latency / concurrency, and token-service's
# RSS after the sweep and at its peak.
# Not a test (docs/performance.md).
#   [JVM=jdk17|temurin25-aot] tools/bench/token-sweep.sh [tokens=100000] [latencyMs=100] [concurrency=100]
# JVM: token-service on JDK 17 as is (the default), or as its image starts it: Temurin 25 from the
# AOT cache that footprint.sh trained (all.sh runs step 4 first; without that cache, this run records one).
# Uses the test infrastructure (55433 / 29092) and ports 18182 / 18189.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
load_local_secrets

TOKENS=${1:-100000} LATENCY=${2:-100} CONCURRENCY=${3:-100}
WORK="$RUN_DIR/bench"
mkdir -p "$WORK"
"$ROOT/scripts/infra.sh" start test
if [ ! -f "$ROOT/token-service/target/quarkus-app/quarkus-run.jar" ] || [ ! -f "$ROOT/tools/provider-sim/target/quarkus-app/quarkus-run.jar" ]; then
  step "Building provider-sim, token-service and test-support"
  (cd "$ROOT" && mvnw -q package -DskipTests -pl tools/provider-sim,token-service,libs/test-support -am)
fi
[ -f "$ROOT/libs/test-support/target/test-support-1.0.0-SNAPSHOT.jar" ] \
  || (cd "$ROOT" && mvnw -q package -DskipTests -pl libs/test-support -am)

JVM=${JVM:-jdk17}
SERVICE_JAR="$ROOT/token-service/target/quarkus-app/quarkus-run.jar"
case $JVM in
  jdk17) SERVICE_JVM=(java) ;;
  temurin25-aot) java=$(services_java)   # scripts/lib.sh: Temurin 25 where it is installed, as in the image
                 SERVICE_JVM=("$java" $(class_cache_opts "$java" "$SERVICE_JAR" "$WORK/footprint/token-service")) ;;
  *) fail "JVM is jdk17 or temurin25-aot, not $JVM" ;;
esac

PIDS=()
cleanup() { for p in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

step "Starting the simulator (:18189) and token-service (:18182, concurrency $CONCURRENCY, $JVM: ${SERVICE_JVM[*]:1})"
java -Xmx1g -Dquarkus.http.port=18189 -Dquarkus.log.level=WARN -jar "$ROOT/tools/provider-sim/target/quarkus-app/quarkus-run.jar" \
  >"$WORK/provider-sim.log" 2>&1 &
PIDS+=($!)
migrate_service "${SERVICE_JVM[0]}" token-service postgresql://127.0.0.1:55433/token "$WORK/token-service-migrate.log"
# started from its quarkus-app folder, as footprint.sh records its cache (scripts/lib.sh from_app_folder)
QUARKUS_HTTP_PORT=18182 DB_URL=postgresql://127.0.0.1:55433/token KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:29092 \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/libs/test-support/src/main/resources/test-jwks.json" \
  TOKEN_KEYSET_FILE="$ROOT/token-service/src/test/resources/token-keyset.json" \
  META_DIALOG_URL=http://127.0.0.1:18189/meta META_GRAPH_URL=http://127.0.0.1:18189/meta \
  TOKEN_REFRESH_EVERY=off TOKEN_REFRESH_RETRY_EVERY=off TOKEN_REFRESH_CONCURRENCY=$CONCURRENCY \
  TOKEN_REFRESH_BATCH_SIZE=$((CONCURRENCY * 4)) TOKEN_META_MAX_CALLS_PER_SECOND=100000 QUARKUS_LOG_LEVEL=WARN \
  MALLOC_ARENA_MAX=2 from_app_folder "$SERVICE_JAR" \
  "${SERVICE_JVM[@]}" ${SERVICE_JAVA_OPTS:-$(service_java_opts token-service)} >"$WORK/token-service.log" 2>&1 &
SERVICE_PID=$!
PIDS+=($SERVICE_PID)
wait_for 60 "provider-sim" curl -fsS http://127.0.0.1:18189/q/health/ready
wait_for 90 "token-service (see $WORK/token-service.log)" curl -fsS http://127.0.0.1:18182/q/health/ready

step "Seeding $TOKENS due tokens, then one sweep at ${LATENCY} ms per Meta call"
CP="$ROOT/token-service/target/quarkus-app/lib/main/*:$ROOT/libs/test-support/target/test-support-1.0.0-SNAPSHOT.jar"
RESULT=$(java -cp "$CP" "$ROOT/tools/bench/TokenSweepBench.java" "$TOKENS" http://127.0.0.1:18189 http://127.0.0.1:18182 \
  jdbc:postgresql://127.0.0.1:55433/token "$ROOT/token-service/src/test/resources/token-keyset.json" "$LATENCY" "$CONCURRENCY" | grep '^RESULT')
# its RSS now, and the most it held at any moment of its life, the sweep included (the kernel's high-water mark)
read -r RSS_MB PEAK_MB < <(awk '/^VmRSS:/ {rss = $2} /^VmHWM:/ {peak = $2} END {print int(rss / 1024), int(peak / 1024)}' "/proc/$SERVICE_PID/status")
field() { sed "s/.* $1=\([0-9.]*\).*/\1/" <<<"$RESULT"; }
printf '\n| due tokens | token-service JVM | exchanges | wall time | refreshes/s | ideal (N x latency / concurrency) | ratio to ideal (target <= 1.25) | token-service RSS after (peak) |\n|---|---|---|---|---|---|---|---|\n'
printf '| %s | %s | %s | %s s | %s/s | %s s | %s (%s of the target) | %s MB (%s MB) |\n' "$(field tokens)" "$JVM" "$(field exchanges)" "$(field wall_s)" \
  "$(field refreshes_per_s)" "$(field ideal_s)" "$(field ratio_to_ideal)" "$(awk "BEGIN{printf \"%.2fx\", $(field ratio_to_ideal)/1.25}")" "$RSS_MB" "$PEAK_MB"
