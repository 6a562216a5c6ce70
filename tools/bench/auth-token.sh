#!/usr/bin/env bash
# Benchmark of POST /api/v1/auth/token (A2) over many distinct sessions, beside
# the raw ES256 signing rate (the ceiling) measured in the same run, on each JDK.
# Not a test: it prints figures (see docs/performance.md).
#   tools/bench/auth-token.sh [sessions=2000] [seconds=30] [connections=32]
# Needs wrk (apt-get install wrk). Uses the test infrastructure (55433 / 29092).
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
load_local_secrets

SESSIONS=${1:-2000} DURATION=${2:-30} CONNECTIONS=${3:-32}
PORT=18181
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
WORK="$RUN_DIR/bench"
mkdir -p "$WORK"
command -v wrk >/dev/null || { step "Installing wrk"; as_root apt-get install -y -qq wrk >&2; }

"$ROOT/scripts/infra.sh" start test
JAR="$ROOT/auth-service/target/quarkus-app/quarkus-run.jar"
if [ ! -f "$JAR" ]; then
  step "Building auth-service"
  (cd "$ROOT" && mvnw -q package -DskipTests -pl auth-service -am)
fi
CP="$ROOT/auth-service/target/quarkus-app/lib/main/*:$ROOT/auth-service/target/quarkus-app/lib/boot/*"

SVC_PID=""
stop_service() { [ -n "$SVC_PID" ] && kill "$SVC_PID" 2>/dev/null && wait "$SVC_PID" 2>/dev/null || true; SVC_PID=""; }
trap stop_service EXIT

run_on() {
  local jdk=$1 java="$1/bin/java" label
  label=$("$java" -version 2>&1 | head -1)
  step "JDK: $label"
  info "signing rate (1 thread, ES256, 5 s)..."
  local signing; signing=$("$java" -cp "$CP" "$ROOT/tools/bench/SigningRate.java" 5 2>/dev/null | tail -1)

  info "starting auth-service on :$PORT"
  QUARKUS_HTTP_PORT=$PORT DB_URL=postgresql://127.0.0.1:55433/auth KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:29092 \
    JWT_KEYS_FILE="$WORK/jwt-keys.json" AUTH_JWT_GENERATE_MISSING_KEYS=true AUTH_LOGIN_BCRYPT_COST=4 \
    WEVION_AUTH_URL=http://127.0.0.1:$PORT QUARKUS_LOG_LEVEL=WARN \
    "$java" -Xmx512m -jar "$JAR" >"$WORK/auth-service.log" 2>&1 &
  SVC_PID=$!
  wait_for 60 "auth-service" curl -fsS "http://127.0.0.1:$PORT/q/health/ready"

  info "creating $SESSIONS sessions"
  local email="bench-$(date +%s%N)@example.com"
  curl -fsS -XPOST "localhost:$PORT/api/v1/auth/signup" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"benchmark password\",\"workspaceName\":\"Bench\"}" >/dev/null
  seq "$SESSIONS" | xargs -P 8 -I{} sh -c "curl -fsS -o /dev/null -D - -XPOST localhost:$PORT/api/v1/auth/login \
      -H 'Content-Type: application/json' -d '{\"email\":\"$email\",\"password\":\"benchmark password\"}' \
      | sed -n 's/^[Ss]et-[Cc]ookie: wevion_session=\([^;]*\).*/\1/p'" >"$WORK/cookies.txt"
  info "$(wc -l <"$WORK/cookies.txt") session cookies"

  info "warm-up 10 s, then wrk -t2 -c$CONNECTIONS -d${DURATION}s"
  COOKIES_FILE="$WORK/cookies.txt" wrk -t2 -c"$CONNECTIONS" -d10s -s "$ROOT/tools/bench/token-refresh.lua" \
    "http://127.0.0.1:$PORT" >/dev/null
  local result
  result=$(COOKIES_FILE="$WORK/cookies.txt" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/tools/bench/token-refresh.lua" \
    "http://127.0.0.1:$PORT" | grep '^RESULT')
  local rss_mb=$(( $(ps -o rss= -p "$SVC_PID") / 1024 ))
  stop_service

  local rps; rps=$(sed 's/.* rps=\([0-9]*\).*/\1/' <<<"$result")
  local keycloak=900
  [[ "$label" == *'"25'* ]] && keycloak=1050
  printf '\n%s\n' "$label"
  printf '  %-44s %s/s\n' "ES256 signing, 1 thread (ceiling per core)" "$signing"
  printf '  %-44s %s\n' "POST /api/v1/auth/token ($SESSIONS sessions)" "${result#RESULT }"
  printf '  %-44s %s MB\n' "auth-service RSS after the run" "$rss_mb"
  printf '  %-44s %s\n' "vs Keycloak 26.5.7 (~$keycloak/s, same setup)" "$(awk "BEGIN{printf \"%.2fx\", $rps/$keycloak}")"
  printf '  %-44s %s\n\n' "vs the signing ceiling of 2 cores" "$(awk "BEGIN{printf \"%.0f%%\", 100*$rps/(2*$signing)}")"
}

for jdk in $JDKS; do
  [ -x "$jdk/bin/java" ] && run_on "$jdk" || info "skipping $jdk (not installed)"
done
