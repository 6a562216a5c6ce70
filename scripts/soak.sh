#!/usr/bin/env bash
# The fault soak (issue 16, docs/operations.md): the packaged system — two
# token-service replicas, the other services, the gateway, the provider
# simulator, a real PostgreSQL and Kafka (profile "test") — under steady load
# while faults are injected at random for MINUTES (default 2): kill -9 of each
# service, the broker stopped, PostgreSQL restarted, the provider slow, hanging
# or failing. Then the faults stop and the invariants are checked; the table is
# printed and kept in system-tests/target/soak-summary.md. Exits non-zero on any
# broken invariant. Not part of scripts/test.sh; .ci/run runs a short one.
#   [SOAK_FAULTS="broker,kill token-service"] scripts/soak.sh [minutes]
# SOAK_FAULTS deals only those kinds of fault (FaultSoakTest's deck), to replay one of them.
# Builds the services first unless their jars are there (SOAK_BUILD=1 forces it).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MINUTES=${1:-2}
if [ "${KEEP_INFRA:-0}" != 1 ]; then
  trap '"$ROOT/scripts/infra.sh" stop test' EXIT
fi
"$ROOT/scripts/infra.sh" start test
nginx_bin >/dev/null
cd "$ROOT"
for svc in auth-service token-service connector-service notification-service tools/provider-sim; do
  if [ "${SOAK_BUILD:-0}" = 1 ] || [ ! -f "$svc/target/quarkus-app/quarkus-run.jar" ]; then
    step "Packaging the services (once)"
    mvnw -q package -DskipTests
    break
  fi
done
step "Fault soak: $MINUTES min of faults under load, then the invariants (system-tests/target/soak-summary.md)"
mvnw test -am -pl system-tests -Dsoak.excludedGroups=none -Dgroups=soak -Dtest=FaultSoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsoak.seconds=$((MINUTES * 60)) -Dsoak.faults="${SOAK_FAULTS:-}"
