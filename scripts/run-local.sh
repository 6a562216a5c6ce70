#!/usr/bin/env bash
# Starts the whole system locally: PostgreSQL, Kafka and every service, each
# as a real process (profile "dev": PostgreSQL 55432, Kafka 9092). Waits until
# each service is ready, prints the URLs, and stops everything on Ctrl-C.
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

# name:port of every service that exists so far (later issues add theirs);
# the provider simulator has no database
SERVICES="provider-sim:8089 auth-service:8081 token-service:8082 connector-service:8083 notification-service:8084"

stop_all() {
  trap "" INT TERM; trap - EXIT   # a second Ctrl-C must not cut the clean stop short
  step "Stopping the services"
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
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/$1" "$ROOT/auth-client" "$ROOT/outbox" "$ROOT/pg-listen" \
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
export DB_USER=wevion DB_PASSWORD=wevion
export QUARKUS_LOG_CONSOLE_JSON=false   # readable logs here; JSON in a cluster
export JWT_KEYS_FILE="$RUN_DIR/dev/jwt-keys.json"
export AUTH_JWT_GENERATE_MISSING_KEYS=true
export TOKEN_KEYSET_FILE="$RUN_DIR/dev/token-keyset.json"
export TOKEN_ENCRYPTION_GENERATE_MISSING_KEYSET=true

for entry in $SERVICES; do
  name=${entry%%:*} port=${entry##*:}
  jar="$ROOT/$name/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || fail "$jar is missing: run without --no-build"
  step "Starting $name on http://127.0.0.1:$port (log: $LOGS/$name.log)"
  DB_URL="postgresql://127.0.0.1:55432/${name%-service}" \
    java -XX:TieredStopAtLevel=1 -Xmx256m -jar "$jar" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
done

for entry in $SERVICES; do
  name=${entry%%:*} port=${entry##*:}
  wait_for 90 "$name (see $LOGS/$name.log)" curl -fsS --max-time 2 "http://127.0.0.1:$port/q/health/ready"
  info "$name ready"
done

cat >&2 <<'TXT'

Wevion token health is running.
  auth-service   http://127.0.0.1:8081   (OpenAPI: /q/openapi, health: /q/health, metrics: /q/metrics)
  token-service  http://127.0.0.1:8082   (connect, platform users, refresh job, credentials)
  connector-service http://127.0.0.1:8083 (connector cards, banners, ad accounts, gates, sync scheduling)
  notification-service http://127.0.0.1:8084 (the bell, its live stream, Telegram linking)
  provider-sim   http://127.0.0.1:8089   (Meta under /meta/v21.0, Telegram under /telegram, control API under /sim)
  PostgreSQL     127.0.0.1:55432  (databases auth, token, connector, notification; user wevion / wevion)
  Kafka          127.0.0.1:9092

Try it (a session's cookie lives in /tmp/wevion.jar):
  curl -s -XPOST localhost:8081/api/v1/auth/signup -H 'Content-Type: application/json' \
       -d '{"email":"ana@example.com","password":"correct horse battery","workspaceName":"Acme"}'
  curl -s -c /tmp/wevion.jar -XPOST localhost:8081/api/v1/auth/login -H 'Content-Type: application/json' \
       -d '{"email":"ana@example.com","password":"correct horse battery"}'
  curl -s -b /tmp/wevion.jar -c /tmp/wevion.jar -XPOST localhost:8081/api/v1/auth/token
  curl -s -b /tmp/wevion.jar -XPOST localhost:8081/api/v1/auth/logout -o /dev/null -w '%{http_code}\n'

Connect a simulated Meta user whose token has 3 days left (the consent screen answered at once):
  JWT=$(curl -s -c /tmp/wevion.jar -XPOST localhost:8081/api/v1/auth/login -H 'Content-Type: application/json' \
       -d '{"email":"ana@example.com","password":"correct horse battery"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  SIM=$(curl -s -XPOST localhost:8089/sim/meta/users -H 'Content-Type: application/json' \
       -d '{"name":"Ana","tokenLifetimeSeconds":259200,"adAccounts":[{"id":"111","name":"Acme EU"}]}' | sed 's/.*:"\(.*\)"}/\1/')
  URL=$(curl -s -H "Authorization: Bearer $JWT" 'localhost:8082/api/v1/connect/meta/authorize?mode=connect' \
       | sed 's/.*"authorizeUrl":"\([^"]*\)".*/\1/')
  curl -s -H 'Accept: application/json' "$(curl -s -o /dev/null -w '%{redirect_url}' "$URL&sim_user=$SIM")"; echo
  sleep 2; curl -s -H "Authorization: Bearer $JWT" localhost:8083/api/v1/connectors; echo   # events travel: green, "Connected"

Expire it: Ana changes her Facebook password, the refresh job runs (a service JWT from auth-service):
  curl -s -XPOST localhost:8089/sim/meta/users/$SIM/failure -H 'Content-Type: application/json' -d '{"mode":"PASSWORD_CHANGED"}'
  SVC=$(curl -s -u token-service:local-token-service-secret -d grant_type=client_credentials localhost:8081/oauth2/token \
       | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  curl -s -XPOST -H "Authorization: Bearer $SVC" localhost:8082/internal/v1/refresh-sweep; echo
  sleep 1; curl -s -H "Authorization: Bearer $JWT" localhost:8083/api/v1/connectors; echo   # yellow, "Token expired — Reconnect"
  curl -s -H "Authorization: Bearer $JWT" localhost:8083/api/v1/dashboard/banners; echo  # "Meta connection needs attention"
  curl -s -H "Authorization: Bearer $JWT" localhost:8084/api/v1/notifications; echo     # "Token expired" in the bell

Reconnect: the card is green again, the alert resolved, and a BACKFILL covers the gap:
  curl -s -XPOST localhost:8089/sim/meta/users/$SIM/failure -H 'Content-Type: application/json' -d '{"mode":"NONE"}'
  URL=$(curl -s -H "Authorization: Bearer $JWT" 'localhost:8082/api/v1/connect/meta/authorize?mode=reconnect' \
       | sed 's/.*"authorizeUrl":"\([^"]*\)".*/\1/')
  curl -s -H 'Accept: application/json' "$(curl -s -o /dev/null -w '%{redirect_url}' "$URL&sim_user=$SIM")"; echo
  sleep 1; curl -s -H "Authorization: Bearer $JWT" localhost:8083/api/v1/connectors; echo
  curl -s -H "Authorization: Bearer $JWT" localhost:8084/api/v1/notifications/unread-count; echo   # 0: resolved

The bell, live (another terminal), and Telegram linking through the simulated bot:
  curl -sN -H "Authorization: Bearer $JWT" localhost:8084/api/v1/notifications/stream
  LINK=$(curl -s -XPOST -H "Authorization: Bearer $JWT" localhost:8084/api/v1/telegram/link | sed 's/.*start=\([^"]*\)".*/\1/')
  CHAT=$(curl -s -XPOST localhost:8089/sim/telegram/chats -H 'Content-Type: application/json' -d '{}' | sed 's/[^0-9]//g')
  curl -s -XPOST localhost:8089/sim/telegram/chats/$CHAT/messages -H 'Content-Type: application/json' -d "{\"text\":\"/start $LINK\"}"
  sleep 2; curl -s localhost:8089/sim/telegram/chats/$CHAT/messages; echo   # the bot confirms the link

Press Ctrl-C to stop everything.
TXT
wait -n "${PIDS[@]}" || true
fail "a service stopped unexpectedly; see $LOGS"
