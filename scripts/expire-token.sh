#!/usr/bin/env bash
# Article 1's "Token expired" now, for the local run (scripts/run-local.sh): a
# simulated Meta person changes her Facebook password, and token-service's
# refresh job runs at once instead of within 12 hours. Her token is due (it
# expires within 7 days), the refresh fails, and the console shows the yellow
# card, the banner and the bell's alert. Her new password then works again in the
# simulator, so the console's Reconnect succeeds.
#   scripts/expire-token.sh [SIM_USER_ID]   (default: Ana, whom run-local created)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIM=http://127.0.0.1:8089 AUTH=http://127.0.0.1:8081 TOKEN=http://127.0.0.1:8082
id=${1:-$(cat "$RUN_DIR/dev/ana.id" 2>/dev/null || true)}
[ -n "$id" ] || fail "which simulated Meta user? (scripts/expire-token.sh SIM_USER_ID)"
port_open 127.0.0.1 8082 || fail "token-service is not running: start scripts/run-local.sh first"

failure() {
  curl -fsS -XPOST "$SIM/sim/meta/users/$id/failure" -H 'Content-Type: application/json' -d "{\"mode\":\"$1\"}" \
    || fail "the simulator knows no Meta user $id"
}
step "Meta user $id changes her password (simulator)"
failure PASSWORD_CHANGED
step "The refresh job runs now (a service JWT from auth-service's /oauth2/token, then /internal/v1/refresh-sweep)"
jwt=$(curl -fsS -u scheduler:local-scheduler-secret -d grant_type=client_credentials "$AUTH/oauth2/token" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
info "$(curl -fsS -XPOST -H "Authorization: Bearer $jwt" "$TOKEN/internal/v1/refresh-sweep")"
failure NONE
step "Done: the console shows \"Token expired — Reconnect\"; reconnect in the popup as before"
