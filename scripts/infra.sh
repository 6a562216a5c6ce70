#!/usr/bin/env bash
# Starts or stops the real infrastructure: one PostgreSQL cluster (a database
# per service) and one single-node Kafka broker (KRaft). No Docker needed.
#
#   scripts/infra.sh start|stop|status [dev|test]
#
# Profile dev (the local run): PostgreSQL 55432, Kafka 9092.
# Profile test (the test suite): PostgreSQL 55433, Kafka 29092.
# State lives in .run/<profile>/; `stop` keeps the data, `reset` removes it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ACTION=${1:-status}
PROFILE=${2:-dev}
case "$PROFILE" in
  dev)  PG_PORT=${PG_PORT:-55432}; KAFKA_PORT=${KAFKA_PORT:-9092} ;;
  test) PG_PORT=${PG_PORT:-55433}; KAFKA_PORT=${KAFKA_PORT:-29092} ;;
  *) fail "unknown profile '$PROFILE' (dev or test)" ;;
esac
KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
STATE="$RUN_DIR/$PROFILE"
PG_DATA="$STATE/pg"
# As root, PostgreSQL runs as user postgres, which must be able to reach its
# data directory: when the checkout lives under a private folder, use /var/tmp.
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
  PG_DATA="/var/tmp/wevion-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)/$PROFILE/pg"
fi
KAFKA_DIR="$STATE/kafka"
KAFKA_LIB="$RUN_DIR/kafka-lib"
DATABASES="auth token connector notification"
# system-tests run the services against databases of their own, untouched by the module tests; libs/migrate
# tests its runs on one of its own
if [ "$PROFILE" = test ]; then
  DATABASES="$DATABASES system_auth system_token system_connector system_notification migrate_test"
fi
DB_USER=wevion DB_PASSWORD=wevion

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$dir" ]; then
    step "Installing PostgreSQL (Debian package)"
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$dir"
}

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local bin; bin=$(pg_bin)
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    step "Creating PostgreSQL cluster in $PG_DATA"
    mkdir -p "$PG_DATA"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_DATA"; chmod 700 "$PG_DATA"; fi
    as_pg "$bin/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$STATE/initdb.log" 2>&1 \
      || fail "initdb failed, see $STATE/initdb.log"
  fi
  if as_pg "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    info "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    step "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
    local fast=""
    [ "$PROFILE" = test ] && fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -w -l "$PG_DATA/server.log" \
      -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c max_connections=300 $fast" start >/dev/null \
      || fail "PostgreSQL did not start, see $PG_DATA/server.log"
  fi
  local psql=("$bin/psql" -h "$PG_DATA" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$(as_pg "${psql[@]}" -c "select 1 from pg_roles where rolname='$DB_USER'")" != 1 ]; then
    as_pg "${psql[@]}" -c "create role $DB_USER login password '$DB_PASSWORD'" >/dev/null
  fi
  for db in $DATABASES; do
    if [ "$(as_pg "${psql[@]}" -c "select 1 from pg_database where datname='$db'")" != 1 ]; then
      as_pg "${psql[@]}" -c "create database $db owner $DB_USER" >/dev/null
      info "database $db created"
    fi
  done
}

pg_stop() {
  [ -f "$PG_DATA/PG_VERSION" ] || return 0
  local bin; bin=$(pg_bin)
  if as_pg "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    step "Stopping PostgreSQL"
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
}

# Every client connection cut (a network blip, a proxy or a failover that drops connections) while
# PostgreSQL stays up: the services' pools must notice and reconnect.
pg_cut() {
  local bin; bin=$(pg_bin)
  local psql=("$bin/psql" -h "$PG_DATA" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  local cut
  cut=$(as_pg "${psql[@]}" -c "select count(pg_terminate_backend(pid)) from pg_stat_activity where usename = '$DB_USER' and pid <> pg_backend_pid()")
  info "cut $cut connections of $DB_USER"
}

kafka_lib() {
  if [ ! -f "$KAFKA_LIB/.complete" ]; then
    step "Fetching the Kafka broker jars from Maven Central (once)"
    rm -rf "$KAFKA_LIB"
    mvnw -q -f "$ROOT/tools/infra/kafka/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIB" >&2
    touch "$KAFKA_LIB/.complete"
  fi
}

# the topics of docs/events/ (docs/contract.md), created up front
CONTRACT_TOPICS="session-events token-status connector-status sync-requests sync-results audit-events"

kafka_pid() { [ -f "$KAFKA_DIR/pid" ] && kill -0 "$(cat "$KAFKA_DIR/pid")" 2>/dev/null && cat "$KAFKA_DIR/pid"; }

kafka_start() {
  if kafka_pid >/dev/null; then info "Kafka already running on 127.0.0.1:$KAFKA_PORT"; return; fi
  kafka_lib
  step "Starting Kafka (KRaft, single node) on 127.0.0.1:$KAFKA_PORT"
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  cat >"$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=3
auto.create.topics.enable=true
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  local java_opts=(-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
    -Dlog4j2.configurationFile="$ROOT/tools/infra/kafka/log4j2.properties" -Dkafka.logs.dir="$KAFKA_DIR/logs")
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    java "${java_opts[@]}" -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format \
      -t "$(cat "$KAFKA_DIR/cluster-id" 2>/dev/null || echo wevion-$PROFILE-cluster01 | tee "$KAFKA_DIR/cluster-id")" \
      -c "$KAFKA_DIR/server.properties" --ignore-formatted >"$KAFKA_DIR/logs/format.log" 2>&1 \
      || fail "Kafka storage format failed, see $KAFKA_DIR/logs/format.log"
  fi
  nohup java "${java_opts[@]}" -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_DIR/server.properties" \
    >"$KAFKA_DIR/logs/stdout.log" 2>&1 &
  echo $! >"$KAFKA_DIR/pid"
  wait_for 60 "Kafka" port_open 127.0.0.1 "$KAFKA_PORT"
  wait_for 60 "Kafka" grep -q "Kafka Server started" "$KAFKA_DIR/logs/server.log"
  if [ ! -f "$KAFKA_DIR/topics-created" ]; then
    java -cp "$KAFKA_LIB/*" "$ROOT/tools/infra/kafka/CreateTopics.java" "127.0.0.1:$KAFKA_PORT" $CONTRACT_TOPICS \
      >"$KAFKA_DIR/logs/create-topics.log" 2>&1 || fail "creating the topics failed, see $KAFKA_DIR/logs/create-topics.log"
    touch "$KAFKA_DIR/topics-created"
  fi
}

kafka_stop() {
  local pid; pid=$(kafka_pid) || return 0
  step "Stopping Kafka"
  kill "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$KAFKA_DIR/pid"
}

case "$ACTION" in
  start)
    mkdir -p "$STATE"
    pg_start
    kafka_start
    info "PostgreSQL: postgresql://127.0.0.1:$PG_PORT/<auth|token|connector|notification> (user $DB_USER)"
    info "Kafka:      127.0.0.1:$KAFKA_PORT"
    ;;
  stop) kafka_stop; pg_stop ;;
  kafka-stop) kafka_stop ;;
  kafka-start) kafka_start ;;
  pg-stop) pg_stop ;;
  pg-start) pg_start ;;
  pg-cut) pg_cut ;;
  reset) kafka_stop; pg_stop; step "Removing $STATE"; rm -rf "$STATE" ;;
  status)
    if port_open 127.0.0.1 "$PG_PORT"; then info "PostgreSQL up on $PG_PORT"; else info "PostgreSQL down"; fi
    if kafka_pid >/dev/null; then info "Kafka up on $KAFKA_PORT"; else info "Kafka down"; fi
    ;;
  *) fail "usage: scripts/infra.sh start|stop|reset|status|kafka-stop|kafka-start|pg-stop|pg-start|pg-cut [dev|test]" ;;
esac
