#!/usr/bin/env bash
# Benchmark of the gate check other services call before acting on an ad
# account (C5): GET /internal/v1/ad-accounts/{id}/gate over 1,000 accounts (half
# of them closed) at fixed rates, open loop (tools/bench/OpenLoad.java: latency
# from each request's intended send time, HdrHistogram), then wrk at full speed.
# The generator is held to one core (taskset -c 1) and to one event loop, so
# the service keeps its share of both; the service is warmed up by 20 s of wrk
# first (its JIT would otherwise show in the first fixed-rate seconds). Prints one table with the targets. Not a test (docs/performance.md).
# Tracing as in production (tools/bench/tracing.sh): a gate check that comes
# with no trace starts one at connector.tracing.gate-sample-ratio, and the spans
# go to an OTLP receiver that keeps up.
#   tools/bench/gate-check.sh [rates="2000 5000"] [seconds=30]
#   TRACING=all (every gate check traced) | off (no spans at all)
# Uses the test infrastructure (55433 / 29092) and ports 18183 and 14318.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
source "$(dirname "$0")/tracing.sh"
load_local_secrets

RATES=${1:-"2000 5000"} SECONDS_=${2:-30}
WORK="$RUN_DIR/bench"
mkdir -p "$WORK"
command -v wrk >/dev/null || { step "Installing wrk"; as_root apt-get install -y -qq wrk >&2; }
"$ROOT/scripts/infra.sh" start test
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-$(service_java_opts connector-service)}
if [ ! -f "$ROOT/connector-service/target/quarkus-app/quarkus-run.jar" ] || [ ! -f "$ROOT/libs/test-support/target/test-support-1.0.0-SNAPSHOT.jar" ]; then
  step "Building connector-service and test-support"
  (cd "$ROOT" && mvnw -q package -DskipTests -pl connector-service,libs/test-support -am)
fi
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; tracing_stop' EXIT
tracing_start "$WORK"

step "Starting connector-service on :18183 (tracing: $TRACING)"
migrate_service java connector-service postgresql://127.0.0.1:55433/connector "$WORK/connector-service-migrate.log"
env "${TRACE_ENV[@]}" QUARKUS_HTTP_PORT=18183 DB_URL=postgresql://127.0.0.1:55433/connector KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:29092 \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/libs/test-support/src/main/resources/test-jwks.json" CONNECTOR_SYNC_EVERY=off \
  QUARKUS_LOG_LEVEL=WARN java $SERVICE_JAVA_OPTS -jar "$ROOT/connector-service/target/quarkus-app/quarkus-run.jar" \
  >"$WORK/connector-service.log" 2>&1 &
PID=$!
wait_for 90 "connector-service (see $WORK/connector-service.log)" curl -fsS --max-time 2 http://127.0.0.1:18183/q/health/ready

step "Seeding 1,000 ad accounts (500 healthy, 500 with an expired token)"
PGPASSWORD=wevion psql -q -h 127.0.0.1 -p 55433 -U wevion connector >/dev/null <<'SQL'
insert into platform_user (id, workspace_id, platform, external_user_id, display_name, status, last_event_at)
values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', 'meta', 'fb-a', 'Healthy', 'ACTIVE', now()),
       ('00000000-0000-0000-0000-0000000000a2', '00000000-0000-0000-0000-0000000000b1', 'meta', 'fb-b', 'Expired', 'EXPIRED', now())
on conflict do nothing;
insert into ad_account (id, workspace_id, platform, external_id, name, tracked_since, next_sync_at, gate_open)
select md5('bench' || i)::uuid, '00000000-0000-0000-0000-0000000000b1', 'meta', 'act_' || i, 'Bench ' || i, now(), now() + interval '1 day', i % 2 = 0
from generate_series(1, 1000) i on conflict do nothing;
insert into coverage (ad_account_id, platform_user_id)
select md5('bench' || i)::uuid, case when i % 2 = 0 then '00000000-0000-0000-0000-0000000000a1'::uuid else '00000000-0000-0000-0000-0000000000a2'::uuid end
from generate_series(1, 1000) i on conflict do nothing;
SQL
PGPASSWORD=wevion psql -qtA -h 127.0.0.1 -p 55433 -U wevion connector -c "select id from ad_account where name like 'Bench %'" >"$WORK/gate-ids.txt"
CP="$ROOT/connector-service/target/quarkus-app/lib/main/*:$ROOT/libs/test-support/target/test-support-1.0.0-SNAPSHOT.jar"
TOKEN=$(java -cp "$CP" "$ROOT/tools/bench/ServiceToken.java" 2>/dev/null | tail -1)

# A replica in steady state has read its topics. What earlier benches left there (token-sweep.sh's
# 100,000 TOKEN_REFRESHED) would otherwise be read, and traced, while the gate check is measured.
step "Waiting until connector-service has read its topics"
wait_for_consumers connector-service

step "Warm-up 20 s (wrk), then each rate of $RATES for ${SECONDS_} s, open loop"
cat >"$WORK/gate.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/gate-ids.txt") do ids[#ids + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/internal/v1/ad-accounts/" .. ids[(i % #ids) + 1] .. "/gate?action=publish",
    { ["Authorization"] = "Bearer $TOKEN" }, nil)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT max_rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
LUA
wrk -t2 -c16 -d20s -s "$WORK/gate.lua" http://127.0.0.1:18183 >/dev/null
ROWS=()
for rate in $RATES; do
  wait_for_quiet_cores 30   # the warm-up's or the last rate's JIT and GC (scripts/lib.sh)
  info "$rate requests/s for ${SECONDS_} s (after a 10 s warm-up at the same rate)"
  fixed=$(taskset -c 1 java -XX:+UseSerialGC -Xmx256m -cp "$CP" "$ROOT/tools/bench/OpenLoad.java" GET http://127.0.0.1:18183 \
    '/internal/v1/ad-accounts/{}/gate?action=publish' "$WORK/gate-ids.txt" Authorization "Bearer $TOKEN" "$rate" "$SECONDS_" 2>/dev/null | grep '^RESULT')
  target=$([ "$rate" -le 2000 ] && echo 5 || echo 10)
  p99=$(sed 's/.* p99_ms=\([0-9.]*\).*/\1/' <<<"$fixed")
  ROWS+=("$(printf '| gate, open loop %s/s | %s/s | %s / %s / %s ms | p99 <= %s ms | %s | %s |' "$rate" \
    "$(sed 's/.* achieved_rps=\([0-9]*\).*/\1/' <<<"$fixed")" "$(sed 's/.* p50_ms=\([0-9.]*\).*/\1/' <<<"$fixed")" "$p99" \
    "$(sed 's/.* max_ms=\([0-9.]*\).*/\1/' <<<"$fixed")" "$target" "$(awk "BEGIN{printf \"%.2fx of the bound\", $p99/$target}")" \
    "errors $(sed 's/.* errors=\([0-9]*\).*/\1/' <<<"$fixed")")")
done
step "Full speed: wrk -t2 -c32 -d20s (generator on core 1)"
FULL=$(taskset -c 1 wrk -t2 -c32 -d20s -s "$WORK/gate.lua" http://127.0.0.1:18183 | grep '^RESULT')
RSS_MB=$(( $(ps -o rss= -p "$PID") / 1024 ))
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
tracing_stop
ROWS+=("$(printf '| gate, wrk c=32 (closed loop) | %s/s | %s / %s ms (p50 / p99) | - | - | errors %s |' "$(sed 's/.* max_rps=\([0-9]*\).*/\1/' <<<"$FULL")" \
  "$(sed 's/.* p50_ms=\([0-9.]*\).*/\1/' <<<"$FULL")" "$(sed 's/.* p99_ms=\([0-9.]*\).*/\1/' <<<"$FULL")" "$(sed 's/.* non2xx=\([0-9]*\).*/\1/' <<<"$FULL")")")
printf '\n| figure | throughput | p50 / p99 / max | target | ratio | notes |\n|---|---|---|---|---|---|\n'
printf '%s\n' "${ROWS[@]}"
printf '| connector-service RSS after | %s MB | | <= 200 MB | %s | %s; %s |\n' "$RSS_MB" "$(awk "BEGIN{printf \"%.2fx of the bound\", $RSS_MB/200}")" "$TRACE_SPANS" "${SERVICE_JAVA_OPTS}"
