#!/usr/bin/env bash
# Runs every test against a real PostgreSQL and a real Kafka broker, which it
# starts first (profile "test": ports 55433 / 29092) and stops afterwards.
# Without arguments it also renders and validates the Kubernetes manifests
# (scripts/check-manifests.sh). Extra arguments go to Maven instead, e.g.
# scripts/test.sh -pl auth-service -am
# KEEP_INFRA=1 leaves PostgreSQL and Kafka running for the next run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

if [ $# -eq 0 ]; then
  "$ROOT/scripts/check-manifests.sh"
fi
if [ "${KEEP_INFRA:-0}" != 1 ]; then
  trap '"$ROOT/scripts/infra.sh" stop test' EXIT
fi
"$ROOT/scripts/infra.sh" start test
ensure_chromium
nginx_bin >/dev/null
step "Running the test suite (./mvnw verify)"
cd "$ROOT"
mvnw verify "$@"
