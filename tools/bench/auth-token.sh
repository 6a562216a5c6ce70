#!/usr/bin/env bash
# Benchmark of POST /api/v1/auth/token (A2) over many distinct sessions, beside
# the raw ES256 signing rate (the ceiling) measured in the same run, on each JDK,
# and beside the peer started in the same run: a stock Keycloak answering its
# refresh-token grant over as many sessions (its realistic case) and over one
# session (its best case), with the same wrk settings (tools/bench/keycloak.sh).
# Not a test: it prints one table of figures (see docs/performance.md).
#   tools/bench/auth-token.sh [sessions=2000] [seconds=30] [connections=32]
# Needs wrk (installed when missing). Uses the test infrastructure (55433 / 29092).
# KEYCLOAK=off leaves the peer out; KEYCLOAK=best runs only its best case (one session), for a run over
# more sessions than its password grant can make in reasonable time (all.sh step 2). Tracing as in production (tools/bench/tracing.sh): TRACING=sampled
# (default; a refresh that comes with no trace starts one at auth.tracing.refresh-sample-ratio) | all | off.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
source "$(dirname "$0")/keycloak.sh"
source "$(dirname "$0")/tracing.sh"
load_local_secrets

SESSIONS=${1:-2000} DURATION=${2:-30} CONNECTIONS=${3:-32} OPEN_RATE=${OPEN_RATE:-1000}
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
CP="$ROOT/auth-service/target/quarkus-app/app/*:$ROOT/auth-service/target/quarkus-app/lib/main/*:$ROOT/auth-service/target/quarkus-app/lib/boot/*"

SVC_PID=""
stop_service() { [ -n "$SVC_PID" ] && kill "$SVC_PID" 2>/dev/null && wait "$SVC_PID" 2>/dev/null || true; SVC_PID=""; }
trap 'stop_service; tracing_stop; kc_stop' EXIT
ROWS=()
row() { ROWS+=("$(printf '| %s | %s | %s | %s | %s | %s |' "$@")"); }
field() { sed "s/.* $1=\([0-9.]*\).*/\1/" <<<"$2"; }
# cpu_ticks PID: the user + system time a process has used, in clock ticks
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# refresh_load DURATION: the load, every session's cookie in turn (tools/bench/token-refresh.lua)
refresh_load() {
  COOKIES_FILE="$WORK/cookies.txt" wrk -t2 -c"$CONNECTIONS" -d"$1" -s "$ROOT/tools/bench/token-refresh.lua" "http://127.0.0.1:$PORT"
}
# measured_load DURATION: refresh_load, then WRK_TICKS=<the CPU wrk used, user + system, in clock ticks>: the
# CPU of the subshell's finished children (/proc/PID/stat cutime + cstime), so that the table can say what the
# two cores leave the service once the load generator has taken its share
measured_load() {
  ( refresh_load "$1"; read -ra s </proc/$BASHPID/stat; echo "WRK_TICKS=$((s[15] + s[16]))" )
}
# kc_load FILE DURATION: the same load on Keycloak's refresh-token grant, the tokens in FILE in turn
kc_load() {
  REFRESH_FILE="$1" TOKEN_PATH=$KC_TOKEN_PATH wrk -t2 -c"$CONNECTIONS" -d"$2" -s "$ROOT/tools/bench/keycloak-refresh.lua" "$KC_URL"
}

# machine_bound SERVICE_US WRK_US SIGNING_RATE RPS: what the two cores allow when each refresh costs the service
# SERVICE_US and wrk WRK_US of CPU (2,000,000 µs a second between them, everything else idle), that bound as a
# share of the signing ceiling (2 x SIGNING_RATE), how much of it the run reached, and the CPU per refresh,
# service and wrk together, that 85 % of the ceiling would need
machine_bound() {
  awk -v svc="$1" -v wrk="$2" -v sign="$3" -v rps="$4" 'BEGIN {
    bound = 2e6 / (svc + wrk)
    printf "wrk %d µs CPU per request; the 2 cores allow %d/s at these costs (%.0f%% of the ceiling; this run %.0f%% of that bound); 85%% of the ceiling needs service + wrk <= %d µs per refresh",
      wrk, bound, 100 * bound / (2 * sign), 100 * rps / bound, 1e6 / (0.85 * sign) }'
}

run_on() {
  local jdk=$1 java="$1/bin/java" label
  label=$("$java" -version 2>&1 | head -1)
  step "JDK: $label"
  info "signing rate (1 thread, ES256, 5 s after a 20 s warm-up)..."
  local signing; signing=$("$java" -cp "$CP" "$ROOT/tools/bench/SigningRate.java" 5 2>/dev/null | tail -1)

  info "starting auth-service on :$PORT (tracing: $TRACING)"
  migrate_service "$java" auth-service postgresql://127.0.0.1:55433/auth "$WORK/auth-service-migrate.log"
  tracing_start "$WORK"
  env "${TRACE_ENV[@]}" QUARKUS_HTTP_PORT=$PORT DB_URL=postgresql://127.0.0.1:55433/auth KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:29092 \
    JWT_KEYS_FILE="$WORK/jwt-keys.json" AUTH_JWT_GENERATE_MISSING_KEYS=true AUTH_LOGIN_BCRYPT_COST=4 \
    WEVION_AUTH_URL=http://127.0.0.1:$PORT QUARKUS_LOG_LEVEL=WARN \
    MALLOC_ARENA_MAX=2 "$java" $(service_java_opts auth-service) ${EXTRA_JAVA_OPTS:-} -jar "$JAR" >"$WORK/auth-service.log" 2>&1 &
  SVC_PID=$!
  wait_for 60 "auth-service" curl -fsS "http://127.0.0.1:$PORT/q/health/ready"

  info "creating $SESSIONS sessions (one login, the others copied from it in SQL: a login costs a bcrypt hash)"
  local email="bench-$(date +%s%N)@example.com" run; run=$(date +%s%N)
  curl -fsS -XPOST "localhost:$PORT/api/v1/auth/signup" -H 'Content-Type: application/json' \
    -H "X-Forwarded-For: 10.8.$((RANDOM % 250)).$((RANDOM % 250))" \
    -d "{\"email\":\"$email\",\"password\":\"benchmark password\",\"workspaceName\":\"Bench\"}" >/dev/null
  curl -fsS -o /dev/null -D - -XPOST localhost:$PORT/api/v1/auth/login -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"benchmark password\"}" \
    | sed -n 's/^[Ss]et-[Cc]ookie: wevion_session=\([^;]*\).*/\1/p' >"$WORK/cookies.txt"
  # each copy: the same user, workspace, role and times as the login's session, its own secret (only the hash is kept)
  PGPASSWORD=wevion psql -q -h 127.0.0.1 -p 55433 -U wevion auth -v run="$run" -v n=$((SESSIONS - 1)) -v email="$email" <<'SQL'
insert into user_session (id, user_id, workspace_id, secret_hash, created_at, slid_at, expires_at, role)
select gen_random_uuid(), s.user_id, s.workspace_id, encode(sha256(convert_to('bench-' || :'run' || '-' || i, 'UTF8')), 'hex'),
       s.created_at, s.slid_at, s.expires_at, s.role
from user_session s join app_user u on u.id = s.user_id, generate_series(1, :n) i
where u.email = :'email';
SQL
  seq $((SESSIONS - 1)) | sed "s/^/bench-$run-/" >>"$WORK/cookies.txt"
  info "$(wc -l <"$WORK/cookies.txt") session cookies"

  # the warm-up refreshes, as a replica that has been up a while has seen them, the sessions the
  # measured 30 s will use: wrk's script walks the cookies from the first one in each run, and the
  # warm-up's first load is the longer (every session at 4,000/s and more; the first half on JDK 17
  # at 2,000/s). It lasts until the JIT has settled (scripts/lib.sh warm_up)
  local warmup=$(( SESSIONS / 2000 > 10 ? SESSIONS / 2000 : 10 ))
  info "warm-up at least ${warmup} s, until the JIT settles"
  warm_up "$SVC_PID" "$warmup" refresh_load
  info "warm-up ${WARMUP_S} s (the JIT compiled ${WARMUP_JIT} s in its last 5 s), then wrk -t2 -c$CONNECTIONS -d${DURATION}s"
  local result cpu_before
  cpu_before=$(cpu_ticks "$SVC_PID")
  local load; load=$(measured_load "${DURATION}s")
  result=$(grep '^RESULT' <<<"$load")
  local rps; rps=$(field rps "$result")
  # the service's CPU per refresh (user + system): what the machine's noise moves least; and wrk's
  local refreshes; refreshes=$(awk "BEGIN{print $rps * $DURATION}")
  local cpu_us; cpu_us=$(awk "BEGIN{printf \"%.0f\", ($(cpu_ticks "$SVC_PID") - $cpu_before) * 1e6 / $(getconf CLK_TCK) / $refreshes}")
  local wrk_us; wrk_us=$(awk "BEGIN{printf \"%.0f\", $(sed -n 's/^WRK_TICKS=//p' <<<"$load") * 1e6 / $(getconf CLK_TCK) / $refreshes}")
  local rss_mb=$(( $(ps -o rss= -p "$SVC_PID") / 1024 ))
  info "open loop: $OPEN_RATE refreshes/s for ${DURATION}s after a 10 s warm-up (tools/bench/OpenLoad.java on core 1)"
  local open; open=$(taskset -c 1 "$java" -XX:+UseSerialGC -Xmx256m -cp "$CP" "$ROOT/tools/bench/OpenLoad.java" POST \
    "http://127.0.0.1:$PORT" /api/v1/auth/token "$WORK/cookies.txt" Cookie 'wevion_session={}' "$OPEN_RATE" "$DURATION" \
    2>/dev/null | grep '^RESULT')
  stop_service
  tracing_stop
  PGPASSWORD=wevion psql -q -h 127.0.0.1 -p 55433 -U wevion auth -c "delete from user_session s using app_user u
    where u.id = s.user_id and u.email = '$email'" -c "vacuum analyze user_session" >/dev/null
  local jdk_name; jdk_name=$(sed 's/.*version "\([^"]*\)".*/\1/' <<<"$label")
  row "auth-service, $jdk_name" "$SESSIONS" "$rps/s" "$(field p50_ms "$result") / $(field p99_ms "$result") ms" "$rss_mb MB" \
    "$(awk "BEGIN{printf \"%.0f%% of 2 x %s/s signing\", 100*$rps/(2*$signing), $signing}"); warm-up ${WARMUP_S} s; ${cpu_us} µs CPU per refresh (signing alone $(awk "BEGIN{printf \"%.0f\", 1e6/$signing}") µs); $(machine_bound "$cpu_us" "$wrk_us" "$signing" "$rps"); $TRACE_SPANS"
  row "auth-service, $jdk_name, open loop $OPEN_RATE/s" "$SESSIONS" "$(field achieved_rps "$open")/s" \
    "$(field p50_ms "$open") / $(field p99_ms "$open") ms" "" "max $(field max_ms "$open") ms, errors $(field errors "$open")"
  OURS+=("$jdk_name=$rps")
}

# keycloak_on JAVA_HOME: the peer, its realistic case (many sessions) and best case (one session)
keycloak_on() {
  local jdk=$1 jdk_name
  jdk_name=$("$jdk/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')
  step "Keycloak $KEYCLOAK_VERSION on $jdk_name"
  kc_install "$jdk"
  kc_start "$jdk"
  local ready=$KC_READY_S
  info "ready after ${ready}s; realm bench (ES256)"
  kc_realm
  local files="kc-refresh.txt kc-refresh-one.txt" file label
  if [ "${KEYCLOAK:-on}" = best ]; then
    files=kc-refresh-one.txt
    kc_sessions 1 "$WORK/kc-refresh-one.txt"
  else
    info "creating $SESSIONS sessions (password grant)"
    kc_sessions "$SESSIONS" "$WORK/kc-refresh.txt"
    head -1 "$WORK/kc-refresh.txt" >"$WORK/kc-refresh-one.txt"
    info "$(wc -l <"$WORK/kc-refresh.txt") refresh tokens"
  fi
  for file in $files; do
    warm_up "$(kc_jvm_pid)" 10 kc_load "$WORK/$file"   # the same rule as ours: at least 10 s, until its JIT settles
    info "$file: warm-up ${WARMUP_S} s (the JIT compiled ${WARMUP_JIT} s in its last 5 s)"
    local result; result=$(kc_load "$WORK/$file" "${DURATION}s" | grep '^RESULT')
    local sessions; sessions=$(wc -l <"$WORK/$file")
    [ "$file" = kc-refresh.txt ] && label="realistic" || label="best case"
    row "Keycloak $KEYCLOAK_VERSION ($label), $jdk_name" "$sessions" "$(field rps "$result")/s" \
      "$(field p50_ms "$result") / $(field p99_ms "$result") ms" "$(kc_rss_mb) MB" \
      "ready in ${ready}s; warm-up ${WARMUP_S} s; non-2xx $(field non2xx "$result")"
    [ "$file" = kc-refresh.txt ] && KC_REALISTIC=$(field rps "$result") || KC_BEST=$(field rps "$result")
  done
  kc_stop
}

OURS=()
KC_REALISTIC="" KC_BEST=""
for jdk in $JDKS; do
  [ -x "$jdk/bin/java" ] && run_on "$jdk" || info "skipping $jdk (not installed)"
done
# Keycloak 26 needs Java 21 or later: it runs on the newest JDK of the list
KC_JDK=$(for jdk in $JDKS; do [ -x "$jdk/bin/java" ] && echo "$jdk"; done | tail -1)
[ "${KEYCLOAK:-on}" = off ] || keycloak_on "$KC_JDK"

printf '\n| runs | sessions | requests/s | p50 / p99 | RSS after | notes |\n|---|---|---|---|---|---|\n'
printf '%s\n' "${ROWS[@]}"
if [ -n "$KC_BEST" ]; then
  realistic="not run"; [ -z "$KC_REALISTIC" ] || realistic="$KC_REALISTIC/s"
  printf '\n| ours on | vs Keycloak realistic (%s) | vs Keycloak best case (%s/s) |\n|---|---|---|\n' "$realistic" "$KC_BEST"
  for o in "${OURS[@]}"; do
    printf '| %s | %s | %s |\n' "${o%%=*}" "$([ -z "$KC_REALISTIC" ] || awk "BEGIN{printf \"%.2fx\", ${o#*=}/$KC_REALISTIC}")" \
      "$(awk "BEGIN{printf \"%.2fx\", ${o#*=}/$KC_BEST}")"
  done
fi
