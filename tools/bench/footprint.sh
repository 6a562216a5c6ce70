#!/usr/bin/env bash
# Footprint and start of each service, packaged as the local run and the images
# start it (scripts/lib.sh service_java_opts): milliseconds from the process's
# start to /q/health/ready 200, RSS when ready, and RSS after 20 s of wrk (c=32)
# on the endpoint the service answers most (auth: session refresh; token: the
# platform users; connector: the cards; notification: the bell). Four ways to
# start: JDK 17 as is; JDK 17 with an AppCDS archive (written at the exit of a
# training run, as the local run records it); Temurin 25 with an AOT cache (-XX:AOTCacheOutput, same);
# Temurin 25 as the image starts it: from a copy of the service's quarkus-app with the AOT cache that
# deploy/Dockerfile.jvm's training step records (no database, broker or secrets). Each
# service is started alone, on a quiet machine (auth-service stays up: the others verify its JWTs
# and check its sessions). Prints one table with the targets (ready <= 3 s,
# RSS <= 200 MB). Not a test (docs/performance.md).
#   [TRACING=off|sampled|all] [TRAIN=start|requests] tools/bench/footprint.sh [variants="jdk17 jdk17-cds temurin25-aot temurin25-image"]
# Uses the test infrastructure (55433 / 29092) and ports 18181-18184.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
TRACING=${TRACING:-off}
source "$(dirname "$0")/tracing.sh"
load_local_secrets

VARIANTS=${1:-"jdk17 jdk17-cds temurin25-aot temurin25-image"}
JDK17=/usr/lib/jvm/java-17-openjdk-amd64 JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
SERVICES="auth-service:18181 token-service:18182 connector-service:18183 notification-service:18184"
WORK="$RUN_DIR/bench/footprint"
mkdir -p "$WORK"
command -v wrk >/dev/null || { step "Installing wrk"; as_root apt-get install -y -qq wrk >&2; }
"$ROOT/scripts/infra.sh" start test
for entry in $SERVICES; do
  [ -f "$ROOT/${entry%%:*}/target/quarkus-app/quarkus-run.jar" ] && continue
  step "Building the services"; (cd "$ROOT" && mvnw -q package -DskipTests -pl auth-service,token-service,connector-service,notification-service -am); break
done

export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:29092 DB_USER=wevion QUARKUS_LOG_LEVEL=WARN
export JWT_KEYS_FILE="$WORK/jwt-keys.json" AUTH_JWT_GENERATE_MISSING_KEYS=true AUTH_LOGIN_BCRYPT_COST=4
export TOKEN_KEYSET_FILE="$WORK/token-keyset.json" TOKEN_ENCRYPTION_GENERATE_MISSING_KEYSET=true
export AUTH_URL=http://127.0.0.1:18181 WEVION_AUTH_URL=http://127.0.0.1:18181 CONNECTOR_SYNC_EVERY=off TOKEN_REFRESH_EVERY=off
export MALLOC_ARENA_MAX=2   # as in the images: glibc's per-thread arenas otherwise hold tens of MB
# Tracing: off by default, as the local run has it without a collector; TRACING=sampled or all measures it
# on, the spans sent to a receiver that keeps up (tools/bench/tracing.sh)
tracing_start "$WORK"
export "${TRACE_ENV[@]}"
declare -A PIDS=() MIGRATED=()
stop() { local pid=${PIDS[$1]:-}; [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; unset "PIDS[$1]"; }
stop_all() { for s in "${!PIDS[@]}"; do stop "$s"; done; }
trap 'stop_all; tracing_stop' EXIT

# train VARIANT: each service's class cache, recorded from a run of every service against
# PostgreSQL and Kafka that writes it as it exits (scripts/lib.sh class_cache_opts): by default
# the services' starts alone (TRAIN=start), as an image pipeline would train it; TRAIN=requests
# adds a user signing up and logging in and one connection's requests for a second. A cache that
# holds the requests' hot methods makes the JIT compile them during the next start, before any
# request: auth-service was ready in 3.2-3.4 s from a cache trained by 5 s of full load, 2.8-2.9 s
# from one trained by its start (three starts each, alternating), and 15-20 MB smaller when ready.
train() {
  if [ "$1" = temurin25-image ]; then train_image; return; fi
  info "each service's class cache, trained by a run of every service that writes it as it exits"
  rm -f "$WORK"/*.jsa "$WORK"/*.aot
  for entry in $SERVICES; do start "$1" "${entry%%:*}" "${entry##*:}"; done
  if [ "${TRAIN:-start}" = requests ]; then
    session
    for entry in $SERVICES; do LOAD_ARGS="-t1 -c1 -d1s" load "${entry%%:*}" "${entry##*:}" >/dev/null; done
  fi
  stop_all
  for entry in $SERVICES; do
    [ -s "$WORK/${entry%%:*}.jsa" ] || [ -s "$WORK/${entry%%:*}.aot" ] || fail "no class cache was written for ${entry%%:*} ($WORK/${entry%%:*}.log)"
  done
}

# train_image: each service's image cache, recorded as deploy/Dockerfile.jvm records it: its training
# step (scripts/lib.sh image_training_script) in a copy of the service's quarkus-app, the image's JVM
# settings and Temurin 25, nothing else from this machine's environment; each service on its bench
# port, so that a local run's ports do not matter
train_image() {
  local entry svc
  info "each service's image cache, recorded by deploy/Dockerfile.jvm's training step"
  for entry in $SERVICES; do
    svc=${entry%%:*}
    rm -rf "$WORK/image/$svc" && mkdir -p "$WORK/image" && cp -r "$ROOT/$svc/target/quarkus-app" "$WORK/image/$svc"
    (cd "$WORK/image/$svc" && env -i PATH="$JDK25/bin:$PATH" JAVA_OPTS="$(service_java_opts)" QUARKUS_HTTP_PORT=${entry##*:} \
      sh -c "$(image_training_script)" >"$WORK/$svc-image-training.log" 2>&1) \
      || fail "the image's training step failed for $svc ($WORK/$svc-image-training.log)"
  done
}

# start VARIANT SERVICE PORT: starts it, waits for ready, sets READY_MS
start() {
  local variant=$1 svc=$2 port=$3 java opts trained="" db=${2%-service} app="$ROOT/$2/target/quarkus-app"
  opts=$(service_java_opts "$svc")
  case $variant in
    jdk17) java=$JDK17/bin/java ;;
    jdk17-cds) java=$JDK17/bin/java trained=yes ;;
    temurin25-aot) java=$JDK25/bin/java trained=yes ;;
    temurin25-image) java=$JDK25/bin/java app="$WORK/image/$svc" opts+=" -XX:AOTCache=app.aot" ;;   # as the image's ENTRYPOINT starts it
    *) fail "unknown variant $variant" ;;
  esac
  [ -z "$trained" ] || opts+=" $(class_cache_opts "$java" "$app/quarkus-run.jar" "$WORK/$svc")"
  # its migrations first, in their own process, as the Deployment's init container applies them (not
  # timed); once per run: every later start finds its database up to date
  if [ -z "${MIGRATED[$svc]:-}" ]; then
    migrate_service "$java" "$svc" "postgresql://127.0.0.1:55433/$db" "$WORK/$svc-migrate.log"
    MIGRATED[$svc]=yes
  fi
  local t0; t0=$(date +%s%N)
  # from its quarkus-app folder, as the image starts it, so the training start and the timed ones use one
  # class path (scripts/lib.sh from_app_folder)
  # shellcheck disable=SC2086
  QUARKUS_HTTP_PORT=$port DB_URL="postgresql://127.0.0.1:55433/$db" from_app_folder "$app/quarkus-run.jar" "$java" $opts \
    >"$WORK/$svc.log" 2>&1 &
  PIDS[$svc]=$!
  until http_ok 127.0.0.1 "$port" /q/health/ready; do   # no curl process every 20 ms: its CPU is the start's
    kill -0 "${PIDS[$svc]}" 2>/dev/null || { tail -20 "$WORK/$svc.log" >&2; fail "$svc did not start ($WORK/$svc.log)"; }
    sleep 0.02
  done
  READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
rss_mb() { echo $(( $(ps -o rss= -p "${PIDS[$1]}") / 1024 )); }

# the load each service gets: a logged-in user's most frequent request
session() {
  local email="footprint-$(date +%s%N)@example.com"
  curl -fsS -XPOST localhost:18181/api/v1/auth/signup -H 'Content-Type: application/json' -H "X-Forwarded-For: 10.9.$((RANDOM % 250)).$((RANDOM % 250))" \
    -d "{\"email\":\"$email\",\"password\":\"footprint password\",\"workspaceName\":\"Footprint\"}" >/dev/null
  for _ in $(seq 50); do
    curl -fsS -o /dev/null -D - -XPOST localhost:18181/api/v1/auth/login -H 'Content-Type: application/json' \
      -d "{\"email\":\"$email\",\"password\":\"footprint password\"}" | sed -n 's/^[Ss]et-[Cc]ookie: wevion_session=\([^;]*\).*/\1/p'
  done >"$WORK/cookies.txt"
  curl -fsS -XPOST localhost:18181/api/v1/auth/token -H "Cookie: wevion_session=$(head -1 "$WORK/cookies.txt")" \
    | sed 's/.*"accessToken":"\([^"]*\)".*/\1/' >"$WORK/jwt.txt"
}
load() {
  local svc=$1 port=$2 args=${LOAD_ARGS:--t2 -c32 -d20s}
  case $svc in
    auth-service) COOKIES_FILE="$WORK/cookies.txt" wrk $args -s "$ROOT/tools/bench/token-refresh.lua" "http://127.0.0.1:$port" ;;
    token-service) wrk $args -H "Authorization: Bearer $(cat "$WORK/jwt.txt")" "http://127.0.0.1:$port/api/v1/platform-users" ;;
    connector-service) wrk $args -H "Authorization: Bearer $(cat "$WORK/jwt.txt")" "http://127.0.0.1:$port/api/v1/connectors" ;;
    notification-service) wrk $args -H "Authorization: Bearer $(cat "$WORK/jwt.txt")" "http://127.0.0.1:$port/api/v1/notifications" ;;
  esac | grep -E 'Requests/sec|RESULT' | head -1 | sed 's/.*rps=\([0-9]*\).*/\1/; s/Requests\/sec: *\([0-9]*\).*/\1/'
}

ROWS=()
for variant in $VARIANTS; do
  step "$variant"
  [ "$variant" = jdk17 ] || train "$variant"
  declare -A READY=() IDLE=()
  for entry in $SERVICES; do
    svc=${entry%%:*}
    wait_for_quiet_cores
    start "$variant" "$svc" "${entry##*:}"
    READY[$svc]=$READY_MS IDLE[$svc]=$(rss_mb "$svc")
    info "$svc ready in ${READY_MS} ms, ${IDLE[$svc]} MB"
  done
  session
  wait_for_consumers connector-service notification-service   # steady state: nothing left to read (scripts/lib.sh)
  for entry in $SERVICES; do
    svc=${entry%%:*}
    rps=$(load "$svc" "${entry##*:}")
    after=$(rss_mb "$svc")
    ROWS+=("$(printf '| %s | %s | %s ms (%.2fx) | %s MB | %s MB (%.2fx) | %s/s |' "$svc" "$variant" "${READY[$svc]}" \
      "$(awk "BEGIN{print ${READY[$svc]}/3000}")" "${IDLE[$svc]}" "$after" "$(awk "BEGIN{print $after/200}")" "$rps")")
  done
  stop_all
done

printf '\n| service | JVM | ready (vs 3 s) | RSS ready | RSS after 20 s of load (vs 200 MB) | load (wrk c=32) |\n|---|---|---|---|---|---|\n'
printf '%s\n' "${ROWS[@]}"
tracing_stop
owns=""; for entry in $SERVICES; do own=$(service_own_opts "${entry%%:*}"); owns+=" ${entry%%:*} ${own:-none};"; done
printf '\nJVM settings: %s, MALLOC_ARENA_MAX=2; each service'"'"'s own (JIT C1+C2 unless given):%s %s\n' "$(service_java_opts)" "$owns" "$TRACE_SPANS"
