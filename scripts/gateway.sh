#!/usr/bin/env bash
# The local API gateway: nginx in front of the four services and the console,
# one origin for the browser, routing exactly what the production Ingress routes
# (config: deploy/gateway/nginx.conf.template; kept equal to
# deploy/base/ingress.yaml by deploy/check/gateway.test.mjs).
#
#   scripts/gateway.sh run    [options]   render the config, then exec nginx in the
#                                         foreground (the caller owns the process:
#                                         SIGTERM stops it, SIGQUIT gracefully)
#   scripts/gateway.sh render [options]   render the config only; prints its path
#   scripts/gateway.sh check  [options]   render, then `nginx -t` it
#   scripts/gateway.sh stop   [--prefix DIR]   stop a gateway left running with that prefix
#
# Options (defaults: the local run, scripts/run-local.sh):
#   --port P              listen port (8080)
#   --listen ADDR         listen address (127.0.0.1)
#   --console DIR         the static console served at / (<repo>/console)
#   --auth HOST:PORT      auth-service (127.0.0.1:8081)
#   --token HOST:PORT     token-service (127.0.0.1:8082)
#   --connector HOST:PORT connector-service (127.0.0.1:8083)
#   --notification HOST:PORT  notification-service (127.0.0.1:8084)
#   --prefix DIR          nginx's own files: nginx.conf, pid, temp dirs (<repo>/.run/dev/gateway)
#   --log FILE            access and error log (<prefix>/gateway.log)
#
# No root needed: every path nginx writes is under the prefix. As root, the
# workers run as root too, so they can read a console under a private folder.
# Installs Debian's nginx on first use when it is missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ACTION=${1:-}
[ $# -gt 0 ] && shift
PORT=8080 LISTEN=127.0.0.1 CONSOLE="$ROOT/console" PREFIX="$RUN_DIR/dev/gateway" LOG=""
AUTH=127.0.0.1:8081 TOKEN=127.0.0.1:8082 CONNECTOR=127.0.0.1:8083 NOTIFICATION=127.0.0.1:8084
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || fail "option $1 needs a value"
  case "$1" in
    --port) PORT=$2 ;;
    --listen) LISTEN=$2 ;;
    --console) CONSOLE=$2 ;;
    --auth) AUTH=$2 ;;
    --token) TOKEN=$2 ;;
    --connector) CONNECTOR=$2 ;;
    --notification) NOTIFICATION=$2 ;;
    --prefix) PREFIX=$2 ;;
    --log) LOG=$2 ;;
    *) fail "unknown option $1 (see the top of $0)" ;;
  esac
  shift 2
done
mkdir -p "$PREFIX"
PREFIX=$(cd "$PREFIX" && pwd)
CONSOLE=$(realpath -m "$CONSOLE")
LOG=$(realpath -m "${LOG:-$PREFIX/gateway.log}")
mkdir -p "$(dirname "$LOG")"
CONF="$PREFIX/nginx.conf"

render() {
  local nginx=$1 conf version module temp_paths="" user
  # the temp directories of the modules this nginx has, under the prefix: the
  # compiled-in ones (/var/lib/nginx) are root's
  version=$("$nginx" -V 2>&1)
  for module in client_body proxy fastcgi uwsgi scgi; do
    case "$version" in *"--without-http_${module}_module"*) continue ;; esac
    mkdir -p "$PREFIX/tmp/$module"
    temp_paths+="    ${module}_temp_path \"$PREFIX/tmp/$module\";"$'\n'
  done
  user="# not root: nginx runs as the current user"
  [ "$(id -u)" = 0 ] && user="user root;   # as root: workers that can read a console under a private folder"
  conf=$(<"$ROOT/deploy/gateway/nginx.conf.template")
  conf=${conf//@USER@/$user}
  conf=${conf//@TEMP_PATHS@/$temp_paths}
  conf=${conf//@PREFIX@/$PREFIX}
  conf=${conf//@LOG@/$LOG}
  conf=${conf//@LISTEN@/$LISTEN}
  conf=${conf//@PORT@/$PORT}
  conf=${conf//@CONSOLE@/$CONSOLE}
  conf=${conf//@AUTH@/$AUTH}
  conf=${conf//@TOKEN@/$TOKEN}
  conf=${conf//@CONNECTOR@/$CONNECTOR}
  conf=${conf//@NOTIFICATION@/$NOTIFICATION}
  case "$conf" in *@[A-Z_]*@*) fail "unfilled placeholder in $CONF: $(grep -o '@[A-Z_]*@' <<<"$conf" | head -1)" ;; esac
  printf '%s\n' "$conf" >"$CONF"
}

# the pid of a gateway still running with this prefix (a run killed with SIGKILL leaves one)
running_pid() {
  local pid
  [ -f "$PREFIX/nginx.pid" ] || return 1
  pid=$(cat "$PREFIX/nginx.pid")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$CONF" \
    && echo "$pid"
}

stop() {
  local pid
  pid=$(running_pid) || return 0
  info "stopping the gateway left running with prefix $PREFIX (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  fail "the gateway (pid $pid) did not stop"
}

case "$ACTION" in
  render) render "$(nginx_bin)"; echo "$CONF" ;;
  check) nginx=$(nginx_bin); render "$nginx"; "$nginx" -t -q -p "$PREFIX" -e "$LOG" -c "$CONF" ;;
  run)
    nginx=$(nginx_bin)
    stop
    render "$nginx"
    exec "$nginx" -p "$PREFIX" -e "$LOG" -c "$CONF" -g 'daemon off;'
    ;;
  stop) stop ;;
  *) fail "usage: $0 run|render|check|stop [options] (see the top of $0)" ;;
esac
