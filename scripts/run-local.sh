#!/usr/bin/env bash
# Starts the whole system locally: PostgreSQL, Kafka and every service, each
# as a real process (profile "dev": PostgreSQL 55432, Kafka 9092), then the
# gateway (nginx, scripts/gateway.sh) that serves the console and the API on one
# origin, http://127.0.0.1:8080. Waits until each is ready, prints the console's
# URL, and stops everything on Ctrl-C.
# It builds only the services whose jar is missing or older than their sources.
#   --rebuild    build every service
#   --no-build   use the jars already built
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BUILD=changed
case "${1:-}" in
  --rebuild) BUILD=all ;;
  --no-build) BUILD=none ;;
  "") ;;
  *) fail "unknown option $1 (use --rebuild or --no-build)" ;;
esac
LOGS="$RUN_DIR/dev/logs"
mkdir -p "$LOGS"
PIDS=()
RECORDING=""   # set when a service records its class cache in this run

# name:port of every service that exists so far (later issues add theirs);
# the provider simulator has no database
SERVICES="tools/provider-sim:8089 auth-service:8081 token-service:8082 connector-service:8083 notification-service:8084"
# the gateway: the browser's one origin (console and API), what the services are told is public
GATEWAY_PORT=8080
PUBLIC_URL="http://127.0.0.1:$GATEWAY_PORT"

for entry in $SERVICES; do
  port_open 127.0.0.1 "${entry##*:}" && fail "port ${entry##*:} (${entry%%:*}) is taken: is another run still going?"
done
nginx_bin >/dev/null   # installed now rather than after the services' start
"$ROOT/scripts/gateway.sh" stop --prefix "$RUN_DIR/dev/gateway"   # one a killed run left behind
port_open 127.0.0.1 $GATEWAY_PORT && fail "port $GATEWAY_PORT (the gateway) is taken"

stop_all() {
  trap "" INT TERM; trap - EXIT   # a second Ctrl-C must not cut the clean stop short
  step "Stopping the services"
  [ -z "$RECORDING" ] || info "each service writes its class cache as it stops (once per build: the next start takes half the time)"
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do wait "$pid" 2>/dev/null || true; done
  "$ROOT/scripts/infra.sh" stop dev
  exit 0
}
trap stop_all INT TERM EXIT

"$ROOT/scripts/infra.sh" start dev

# stale MODULE: its jar is missing, or a source it is built from (its own, the
# shared modules', a pom) changed since
stale() {
  local jar="$ROOT/$1/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/$1" "$ROOT/libs/auth-client" "$ROOT/libs/outbox" "$ROOT/libs/pg-listen" \
      \( -path '*/target' -prune \) -o -type f -newer "$jar" -print -quit)" ]
}

modules=""
for entry in $SERVICES; do
  name=${entry%%:*}
  if [ $BUILD = all ] || { [ $BUILD = changed ] && stale "$name"; }; then modules+="$name,"; fi
done
if [ -n "$modules" ]; then
  step "Building ${modules%,} (./mvnw package, tests skipped; log: $LOGS/build.log)"
  (cd "$ROOT" && mvnw package -DskipTests -pl "${modules%,}" -am >"$LOGS/build.log" 2>&1) \
    || { tail -30 "$LOGS/build.log" >&2; fail "build failed, see $LOGS/build.log"; }
else
  info "Every service is built and up to date (--rebuild builds them anyway)"
fi

# Settings every service reads (see each service's application.properties).
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092
export DB_USER=wevion
load_local_secrets   # DB_PASSWORD and every other secret, dev-only values
export QUARKUS_LOG_CONSOLE_JSON=false   # readable logs here; JSON in a cluster
# Traces go to an OTLP collector when you name one (OTEL_EXPORTER_OTLP_ENDPOINT=http://host:4317);
# without one, tracing is off rather than failing to export every few seconds.
if [[ -z "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]]; then export QUARKUS_OTEL_SDK_DISABLED=true; fi
export JWT_KEYS_FILE="$RUN_DIR/dev/jwt-keys.json"
export AUTH_JWT_GENERATE_MISSING_KEYS=true
export TOKEN_KEYSET_FILE="$RUN_DIR/dev/token-keyset.json"
export TOKEN_ENCRYPTION_GENERATE_MISSING_KEYSET=true
# The browser sees one origin, the gateway: the providers send it back there
# (OAuth redirect URIs), the connect popup reports to it, and it may call the API.
export META_REDIRECT_URI="$PUBLIC_URL/api/v1/connect/meta/callback"
export TOKEN_PUBLIC_URL="$PUBLIC_URL"   # the other providers' redirect URIs
export FRONTEND_URL="$PUBLIC_URL"
# the refresh job every minute instead of every 12 hours, so a token killed on the
# simulator's page turns the card yellow within a minute
export TOKEN_REFRESH_EVERY=1m
export CORS_ORIGINS="$PUBLIC_URL,http://localhost:$GATEWAY_PORT"

JAVA=$(services_java)
declare -A STARTED=()
info "Java: $JAVA ($("$JAVA" -version 2>&1 | head -1))"

# each service's database migrated first, as its Deployment's init container does (scripts/lib.sh
# migrate_service): the services do not migrate at start, so they load neither Flyway nor a JDBC driver
step "Migrating the services' databases (logs: $LOGS/*-migrate.log)"
declare -A MIGRATING=()
for entry in $SERVICES; do
  name=${entry%%:*} short=${name##*/}
  [ "$name" != tools/provider-sim ] || continue
  : >"$LOGS/$short-migrate.log"
  migrate_service "$JAVA" "$name" "postgresql://127.0.0.1:55432/${name%-service}" "$LOGS/$short-migrate.log" &
  MIGRATING[$short]=$!
done
for short in "${!MIGRATING[@]}"; do
  wait "${MIGRATING[$short]}" || fail "the migrations of $short did not apply (see $LOGS/$short-migrate.log)"
  info "$short: $(sed -n 's/^migrate: //p' "$LOGS/$short-migrate.log")"
done
for entry in $SERVICES; do
  name=${entry%%:*} port=${entry##*:} short=${name##*/}
  jar="$ROOT/$name/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || fail "$jar is missing: run without --no-build"
  step "Starting $short on http://127.0.0.1:$port (log: $LOGS/$short.log)"
  # the class cache of this jar (scripts/lib.sh class_cache_opts): the first run after a build records
  # it and writes it when the run ends (Ctrl-C), every later run starts from it; C1 only, which
  # starts faster and is enough on a laptop
  cache_opts=$(class_cache_opts "$JAVA" "$jar" "$RUN_DIR/dev/$short")
  case $cache_opts in *Output*|*AtExit*) RECORDING=yes ;; esac
  STARTED[$short]=$(date +%s%N)
  # shellcheck disable=SC2046,SC2086
  DB_URL="postgresql://127.0.0.1:55432/${name%-service}" MALLOC_ARENA_MAX=2 \
    "$JAVA" $(service_java_opts) -XX:TieredStopAtLevel=1 $cache_opts -jar "$jar" >"$LOGS/$short.log" 2>&1 &
  PIDS+=($!)
done

# every service's readiness, polled together: each is reported with the time from its process's start.
# The first run after a build records the class caches, and five such starts at once on two cores took
# up to 49 s here: hence the generous bound.
waiting=$SERVICES deadline=$((SECONDS + 180))
while [ -n "$waiting" ]; do
  still=""
  for entry in $waiting; do
    name=${entry%%:*} port=${entry##*:} short=${name##*/}
    if http_ok 127.0.0.1 "$port" /q/health/ready; then
      info "$short ready in $(( ($(date +%s%N) - STARTED[$short]) / 1000000 )) ms"
    else still+=" $entry"; fi
  done
  waiting=${still# }
  [ -z "$waiting" ] || [ $SECONDS -lt $deadline ] || fail "not ready within 180 s:$still (see $LOGS)"
  [ -z "$waiting" ] || sleep 0.02
done

step "Starting the gateway on $PUBLIC_URL (console/ and the API; log: $LOGS/gateway.log)"
[ -f "$ROOT/console/index.html" ] || info "console/index.html is missing: the API works, the console page does not yet"
"$ROOT/scripts/gateway.sh" run --port $GATEWAY_PORT --prefix "$RUN_DIR/dev/gateway" --log "$LOGS/gateway.log" \
  >>"$LOGS/gateway.log" 2>&1 &
PIDS+=($!)
wait_for 10 "the gateway (see $LOGS/gateway.log)" port_open 127.0.0.1 $GATEWAY_PORT

# Someone to connect: a simulated Meta person whose token has 3 days left (the
# simulator keeps its people in memory, so each run creates her anew)
ana=$(curl -fsS -XPOST http://127.0.0.1:8089/sim/meta/users -H 'Content-Type: application/json' \
  -d '{"name":"Ana","tokenLifetimeSeconds":259200,"adAccounts":[{"id":"111","name":"Acme EU"},{"id":"112","name":"Acme US"}]}' \
  | sed 's/.*"externalUserId":"\([^"]*\)".*/\1/') || ana="(not created: see $LOGS/provider-sim.log)"
echo "$ana" >"$RUN_DIR/dev/ana.id"

cat >&2 <<TXT

Wevion token health is running.
  gateway        $PUBLIC_URL/  (the console, and the public API under /api/v1: what a browser uses)
  auth-service   http://127.0.0.1:8081   (OpenAPI: /q/openapi, health: /q/health, metrics: /q/metrics)
  token-service  http://127.0.0.1:8082   (connect, platform users, refresh job, credentials)
  connector-service http://127.0.0.1:8083 (connector cards, banners, ad accounts, gates, sync scheduling)
  notification-service http://127.0.0.1:8084 (the bell, its live stream, Telegram linking)
  provider-sim   http://127.0.0.1:8089   (Meta under /meta/v21.0, Telegram under /telegram, control API under /sim)
  PostgreSQL     127.0.0.1:55432  (databases auth, token, connector, notification; user wevion / wevion)
  Kafka          127.0.0.1:9092
  Simulated Meta person: Ana ($ana), token valid 3 more days, ad accounts "Acme EU" and "Acme US"

Article 1 in the browser:
  1. Open $PUBLIC_URL/ (exactly this address: the connect flow comes back to it) and sign up.
  2. Connect Meta: in the simulator's consent popup pick Ana. The card turns green, "Connected".
  3. Her token dies: open http://127.0.0.1:8089/sim/page and click "Change password" next to Ana.
     Within a minute (the local refresh job runs every minute) the card turns yellow, "Token
     expired — Reconnect", without a reload; the banner and the bell say so too.
     (At once, from a terminal: scripts/expire-token.sh)
  4. Reconnect, pick Ana again: green, the alert resolved, a backfill covers the gap.

Article 2 in the browser (Settings):
  - Add a member; in another browser (or a private window) log in as them: Stripe and Google
    Drive say "Admins only". As the owner, "Force logout" them: their console signs out at once.
  - "Act as" a member: a banner says whose console you are in; "Stop" ends it, log in again.
  - Telegram: "Create link", then on http://127.0.0.1:8089/sim/page paste the link and press
    START; the bot confirms, and "I have linked it" shows Linked. The link works once, for 24 h.
The same with curl, request by request: docs/walkthrough-curl.md

TXT
printf '  \033[1mOpen the console: %s/\033[0m    (Ctrl-C stops everything)\n\n' "$PUBLIC_URL" >&2
wait -n "${PIDS[@]}" || true
fail "a service stopped unexpectedly; see $LOGS"
