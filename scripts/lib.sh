# Shared helpers for the project's scripts (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run"

step() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
fail() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# port_open HOST PORT
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# http_ok HOST PORT PATH: whether GET PATH answers 200, asked without starting a process (bash's
# /dev/tcp), so that polling a starting service every 20 ms takes none of the CPU its start needs
http_ok() {
  local status
  { exec 3<>"/dev/tcp/$1/$2"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$3" "$1" >&3
  read -r -t 2 _ status _ <&3 || status=
  exec 3>&-
  [ "$status" = 200 ]
}

# wait_for TIMEOUT_SECONDS DESCRIPTION COMMAND...
wait_for() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $deadline ] && fail "$what did not come up within ${timeout}s"
    sleep 0.2
  done
}

# services_java: the JVM the local run starts the services with: Temurin 25 where it is
# installed (the images' JVM: ES256 signing ~4x faster than JDK 17, and the AOT cache below;
# SERVICES_JAVA_HOME names another), else the java on the PATH
services_java() {
  local jdk
  for jdk in "${SERVICES_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jre-amd64; do
    [ -n "$jdk" ] && [ -x "$jdk/bin/java" ] && { echo "$jdk/bin/java"; return; }
  done
  command -v java
}

# java_major JAVA: the feature release of that java (17, 25), read from its JDK's release file
# (no JVM started: the local run asks once per service); from `java -version` when there is none.
java_major() {
  local release version
  release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null || true)
  [ -n "$version" ] || version=$("$1" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  echo "${version:-0}"
}

# class_cache_opts JAVA JAR CACHE: the JVM options that start JAR from its class cache (CACHE plus
# .aot on JDK 25 or later: the AOT cache, classes loaded and linked plus the methods' profiles;
# .jsa on older JDKs: an AppCDS archive), or, when there is none or JAR is newer, that record it
# as this run exits (SIGTERM, Ctrl-C): the run is the training, so the cache holds every class a
# real run loads (the packaging is aot-jar, one flat class path: see the parent pom). A start of
# auth-service that took 7-9 s takes 3-4 s from a trained cache (docs/performance.md).
class_cache_opts() {
  local java=$1 jar=$2 cache=$3
  if [ "$(java_major "$java")" -ge 25 ]; then
    if [ -s "$cache.aot" ] && [ "$cache.aot" -nt "$jar" ]; then echo "-XX:AOTCache=$cache.aot"
    else rm -f "$cache.aot"; echo "-XX:AOTCacheOutput=$cache.aot"; fi
  else
    if [ -s "$cache.jsa" ] && [ "$cache.jsa" -nt "$jar" ]; then echo "-XX:SharedArchiveFile=$cache.jsa -Xshare:auto"
    else rm -f "$cache.jsa"; echo "-XX:ArchiveClassesAtExit=$cache.jsa -Xshare:auto"; fi
  fi
}

# from_app_folder JAR JAVA [OPTION...]: runs JAVA OPTION... -jar quarkus-run.jar in JAR's folder (a Quarkus
# quarkus-app), in place of the calling (sub)shell, as the image's ENTRYPOINT starts a service. A JVM
# uses a class cache only with the class path it was recorded with, and silently starts without it
# otherwise (4.9 s to ready instead of 2.2 s), so a cache recorded from the folder is used from it.
# It replaces the shell it runs in, so run it in the background (which forks one), where $! is the JVM:
#   from_app_folder "$jar" java $opts >log 2>&1 &
from_app_folder() {
  local dir; dir=$(dirname "$1"); shift
  cd "$dir" && exec "$@" -jar quarkus-run.jar
}

# image_training_script: the step of deploy/Dockerfile.jvm that records the image's AOT cache (its
# RUN, its lines joined as Docker joins them): run in a copy of a service's target/quarkus-app with
# JAVA_OPTS set and the image's java first on PATH, it writes app.aot there as the image build does
# (tools/bench/footprint.sh temurin25-image)
image_training_script() {
  awk '/^RUN set -eu; training=/ {on = 1; sub(/^RUN /, "")}
       on {line = $0; more = sub(/\\$/, "", line); printf "%s", line; if (!more) {print ""; exit}}' "$ROOT/deploy/Dockerfile.jvm"
}

mvnw() { "$ROOT/mvnw" -B --no-transfer-progress "$@"; }

# nginx_bin: the path of nginx (the local gateway), installed from Debian's
# package when missing. Debian's nginx-light of bookworm is a transitional
# package for nginx; "nginx" exists in every release.
nginx_bin() {
  local bin
  bin=$(command -v nginx 2>/dev/null || true)
  [ -n "$bin" ] || [ ! -x /usr/sbin/nginx ] || bin=/usr/sbin/nginx
  if [ -z "$bin" ]; then
    step "Installing nginx (Debian package, the local gateway)"
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends nginx >&2
    bin=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
    [ -x "$bin" ] || fail "nginx was not installed"
  fi
  echo "$bin"
}

# ensure_chromium: Debian's chromium and chromium-driver, which the browser
# tests drive (headless), installed when missing.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    step "Installing chromium and chromium-driver (Debian packages, for the browser tests)"
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
  fi
}

# load_local_secrets: the dev-only secrets of scripts/local-secrets.env into the
# environment of what this script starts (the packaged services run their
# production profile, which has no secret of its own)
load_local_secrets() { set -a; . "$ROOT/scripts/local-secrets.env"; set +a; }

# wait_for_quiet_cores [SECONDS]: wait (at most SECONDS, 60 by default) until the cores, taken
# together, are 90 % idle over a second, so that a measurement does not share the cores with the last one's
# aftermath: a JVM's JIT still compiling seconds after its ready, PostgreSQL's checkpoint and
# autovacuum after a bulk write, a JVM writing its class cache as it exits. tools/bench/all.sh
# calls it before each step, footprint.sh before each start, gate-check.sh before each rate.
wait_for_quiet_cores() {
  local until=$((SECONDS + ${1:-60})) a b busy total i
  while [ $SECONDS -lt $until ]; do
    read -ra a < /proc/stat; sleep 1; read -ra b < /proc/stat
    total=0; for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    busy=$((total - (b[4] + b[5] - a[4] - a[5])))
    [ $((busy * 100)) -le $((total * 10)) ] && return 0
  done
  info "the cores were still busy after ${1:-60} s; measuring anyway"
}

# wait_for_consumers GROUP...: wait (at most 10 minutes each) until each consumer group has read
# its topics on the test broker (tools/bench/ConsumerLag.java), so that a bench measures a replica
# in steady state, not one reading, and tracing, what earlier benches left there (token-sweep.sh
# writes 100,000 TOKEN_REFRESHED). gate-check.sh and footprint.sh call it before they load a service.
consumer_lag() {
  java -cp "$ROOT/connector-service/target/quarkus-app/lib/main/*" "$ROOT/tools/bench/ConsumerLag.java" \
    127.0.0.1:29092 "$1" 2>/dev/null
}
consumer_caught_up() { [ "$(consumer_lag "$1")" = 0 ]; }
wait_for_consumers() {
  local group
  for group in "$@"; do
    info "$group: $(consumer_lag "$group") records behind on its topics"
    wait_for 600 "$group to read its topics" consumer_caught_up "$group"
  done
}

# jit_seconds PID: the seconds the JVM PID's compilers have spent so far (jstat -compiler, from the
# JDK that runs it); empty when the JVM publishes no counters (-XX:-UsePerfData)
jit_seconds() {
  local jdk; jdk=$(dirname "$(dirname "$(readlink -f "/proc/$1/exe")")")
  "$jdk/bin/jstat" -compiler "$1" 2>/dev/null | awk 'NR == 2 {print $4}'
}

# warm_up PID SECONDS COMMAND...: runs COMMAND DURATION (a load) for SECONDS in one go (a load that
# walks through many sessions from the first one reaches them all only in one run), then for 5 s
# at a time until the JIT of the JVM PID has settled: less than 0.5 s of compiling in the last 5 s
# (a tenth of one core), at most 90 s more. A replica that has served for a while runs compiled
# code; on these 2 cores, under a load that takes both, C2 was still compiling 20-40 s after
# auth-service's start on JDK 17 and on Temurin 25 alike (7-10 s of compiling inside the measured
# 30 s that came after a fixed 10 s warm-up, docs/performance.md). Sets WARMUP_S and WARMUP_JIT (the
# compiling in the last 5 s, in seconds).
warm_up() {
  local pid=$1 min=$2 started=$SECONDS before after; shift 2
  "$@" "${min}s" >/dev/null
  after=$(jit_seconds "$pid")
  while :; do
    before=$after
    "$@" 5s >/dev/null
    after=$(jit_seconds "$pid")
    WARMUP_JIT=$(awk "BEGIN{printf \"%.2f\", ${after:-0} - ${before:-0}}")
    { [ -z "$after" ] || awk "BEGIN{exit !($WARMUP_JIT < 0.5)}"; } && break
    [ $((SECONDS - started)) -lt $((min + 90)) ] || { info "the JIT still compiled ${WARMUP_JIT} s in the last 5 s; measuring anyway"; break; }
  done
  WARMUP_S=$((SECONDS - started))
}

# migrate_java_opts: the JVM settings of the migrations' own process, here and in each Deployment's init
# container (deploy/check holds the two equal): a process that runs for a second needs C1 alone and a
# small heap
migrate_java_opts() { echo "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m"; }

# migrate_service JAVA SERVICE DB_URL [LOG]: applies SERVICE's database migrations (ai.wevion.migrate.Migrate,
# libs/migrate, from the service's own jar) and returns; as the Deployment's init container does before the
# service starts, which migrates only in its tests and dev mode. DB_USER and DB_PASSWORD from the
# environment; Flyway's steps go to LOG (default: stderr), and on a failure its last lines to stderr.
migrate_service() {
  local java=$1 svc=$2 url=$3 log=${4:-/dev/stderr}
  # shellcheck disable=SC2046
  DB_URL="$url" "$java" $(migrate_java_opts) -cp "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" \
    ai.wevion.migrate.Migrate >>"$log" 2>&1 && return 0
  [ "$log" = /dev/stderr ] || tail -5 "$log" >&2
  fail "the migrations of $svc did not apply (${log})"
}

# service_java_opts: the JVM settings each service runs with, here and in the
# images (deploy/Dockerfile.jvm), sized from the footprint benchmark
# (tools/bench/footprint.sh, docs/performance.md): a 128 MB heap holds a
# service's live data several times over after the benchmark load (token-service
# has 44 MB: service_own_opts); the serial collector needs no extra threads or
# regions on a 2-core box and pauses for a few milliseconds at this heap size;
# the native heap is trimmed every 5 s
# (what the JIT's arenas freed goes back to the system: 10-28 MB less RSS after
# the load, auth-service); the first collection for metadata comes at 128 MB of
# metaspace, not 96: on JDK 17 without a class cache a service's ~19,000
# classes and the JIT's profiles passed 96 MB under load and cost a full
# collection of 85-130 ms (connector-service, gate-check.sh). It is a
# threshold, not a reservation: metaspace is committed as it is used.
#   service_java_opts [SERVICE]: with a service's name, its own settings too
#   (service_own_opts), which come last and so win
service_java_opts() {
  local own=""
  [ -z "${1:-}" ] || own=$(service_own_opts "$1")
  echo "-XX:+UseSerialGC -Xms32m -Xmx128m -Xss512k -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=192m -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError${own:+ $own}"
}

# service_own_opts SERVICE: a service's own JVM settings beside service_java_opts, here and in
# its Deployment (JAVA_OPTS_APPEND; deploy/check holds the two equal), each chosen by
# measurement (docs/performance.md). The JIT: notification-service answers from PostgreSQL and
# pushes events: C1 alone serves its load as fast as C1+C2, starts it in 1.7 s instead of
# 2.3-3.0 s and leaves 15 MB less RSS. The others need C2 (it doubles the refreshes auth-service
# signs and the gate checks connector-service answers; C1 alone made token-service's sweep of
# 100,000 tokens 16 % slower) and run it alone, without C1's tier (-XX:-TieredCompilation): as
# many requests per second once warm (auth-service 9,335/s against 8,883/s on Temurin 25, 3,059
# against 3,078 on JDK 17; token-service 6,486 against 5,628/s), a code cache of 9 MB instead of
# 29 MB and 20-30 MB less RSS after load, for a start about 0.3 s longer (2026-12-05).
# The heap: token-service holds 20 MB of live objects when idle and 22-26 MB during a sweep of
# 100,000 tokens (full collections); the sweep filled 128 MB (316-332 MB RSS after it), then 64 MB
# (215-231 MB RSS), and ran as fast in 44 MB with an 8 MB young generation (192-210 MB RSS after it,
# 212-224 MB at its peak; a full collection every 3.3 s, 40-60 ms; 40 MB with the default split
# made JDK 17 collect in full about twice a second). Its requests are as fast too: 4,151/s on the
# platform users against 4,052/s with 64 MB. The young generation is fixed because a refresh waits
# 100 ms or more on its provider: whatever is in flight outlives a young collection and is promoted,
# so the old generation needs the room (2026-12-05). auth-service keeps 128 MB for the live sessions it holds in memory.
service_own_opts() {
  case ${1##*/} in
    notification-service) echo "-XX:TieredStopAtLevel=1" ;;
    token-service) echo "-XX:-TieredCompilation -Xmx44m -Xmn8m" ;;
    *) echo "-XX:-TieredCompilation" ;;
  esac
}
