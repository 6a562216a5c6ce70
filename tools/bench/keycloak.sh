# The peer of auth-service's session refresh: a stock Keycloak started by the benchmark itself
# (sourced by auth-token.sh, not run). Keycloak 26.5.7's distribution from Maven Central, production
# mode (`kc.sh build` then `start --optimized`), on the test PostgreSQL (schema `keycloak` of database
# `auth`), HTTP on 127.0.0.1:18180. Realm `bench`: ES256 signing, a public client with the password
# grant, refresh tokens that can be used again (Keycloak's default), one user; the realm's password
# hashing is cut to one iteration only so that creating thousands of sessions takes minutes, not
# hours (the refresh grant never hashes a password).

KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.5.7}
KC_PORT=18180
KC_MANAGEMENT_PORT=19000
KC_URL="http://127.0.0.1:$KC_PORT"
KC_TOKEN_PATH=/realms/bench/protocol/openid-connect/token
KC_HOME=""
KC_PID=""

# kc_install: the distribution, unpacked once under .run/bench and built for PostgreSQL
kc_install() {
  local zip="$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  KC_HOME="$WORK/keycloak-$KEYCLOAK_VERSION"
  if [ ! -f "$zip" ]; then
    step "Downloading Keycloak $KEYCLOAK_VERSION (org.keycloak:keycloak-quarkus-dist, Maven Central)"
    (cd "$ROOT" && mvnw -q dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip") >&2
  fi
  if [ ! -f "$KC_HOME/.built" ]; then
    rm -rf "$KC_HOME" && (cd "$WORK" && unzip -q "$zip")
    info "kc.sh build --db=postgres (production mode)"
    JAVA_HOME="$1" "$KC_HOME/bin/kc.sh" build --db=postgres --health-enabled=true >"$WORK/keycloak-build.log" 2>&1
    touch "$KC_HOME/.built"
  fi
  PGPASSWORD=wevion PGOPTIONS=--client-min-messages=warning psql -h 127.0.0.1 -p 55433 -U wevion -d auth -qc \
    "drop schema if exists keycloak cascade; create schema keycloak" >/dev/null
}

# kc_start JAVA_HOME: starts Keycloak and waits until it is ready (KC_READY_S: the seconds it took).
# On Java 24 and later its thread pool needs java.lang opened (Keycloak's own message asks for it).
kc_start() {
  local started=$SECONDS
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin JAVA_HOME="$1" \
    JAVA_OPTS_APPEND="--add-opens java.base/java.lang=ALL-UNNAMED" "$KC_HOME/bin/kc.sh" start --optimized \
    --db-url=jdbc:postgresql://127.0.0.1:55433/auth --db-schema=keycloak --db-username=wevion --db-password=wevion \
    --http-enabled=true --http-port=$KC_PORT --http-management-port=$KC_MANAGEMENT_PORT \
    --hostname="$KC_URL" --hostname-strict=false --log-level=WARN >"$WORK/keycloak.log" 2>&1 &
  KC_PID=$!
  wait_for 180 "Keycloak" curl -fsS "http://127.0.0.1:$KC_MANAGEMENT_PORT/health/ready"
  KC_READY_S=$((SECONDS - started))
}

# kc_jvm_pid: Keycloak's JVM (a child of kc.sh, which forwards signals to it)
kc_jvm_pid() { local pid; pid=$(pgrep -P "$KC_PID" | head -1); echo "${pid:-$KC_PID}"; }
# kc_rss_mb: the resident memory of Keycloak's JVM
kc_rss_mb() { echo $(( $(ps -o rss= -p "$(kc_jvm_pid)") / 1024 )); }

kc_stop() {
  [ -n "$KC_PID" ] || return 0
  kill "$KC_PID" 2>/dev/null && wait "$KC_PID" 2>/dev/null || true
  KC_PID=""
}

kc_admin_token() {
  curl -fsS -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
    "$KC_URL/realms/master/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

# kc_realm: realm bench with an ES256 key, client bench and user bench
kc_realm() {
  local admin; admin=$(kc_admin_token)
  curl -fsS -XPOST "$KC_URL/admin/realms" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{
    "realm": "bench", "enabled": true, "defaultSignatureAlgorithm": "ES256", "passwordPolicy": "hashIterations(1)",
    "accessTokenLifespan": 3600, "ssoSessionIdleTimeout": 604800, "ssoSessionMaxLifespan": 604800, "revokeRefreshToken": false,
    "clients": [{"clientId": "bench", "publicClient": true, "directAccessGrantsEnabled": true, "standardFlowEnabled": false}],
    "users": [{"username": "bench", "email": "bench@example.com", "firstName": "Bench", "lastName": "User",
               "emailVerified": true, "enabled": true}],
    "components": {"org.keycloak.keys.KeyProvider": [{"name": "ecdsa", "providerId": "ecdsa-generated",
      "config": {"priority": ["200"], "ecdsaEllipticCurveKey": ["P-256"], "active": ["true"], "enabled": ["true"]}}]}}'
  local user; user=$(curl -fsS -H "Authorization: Bearer $admin" "$KC_URL/admin/realms/bench/users?username=bench" \
    | sed 's/.*"id":"\([0-9a-f-]\{36\}\)".*/\1/')
  # set after the realm exists, so that it is hashed under the realm's policy
  curl -fsS -XPUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"type": "password", "value": "benchmark password", "temporary": false}' \
    "$KC_URL/admin/realms/bench/users/$user/reset-password"
}

# kc_sessions N FILE: N logins (password grant), one refresh token per line (each line written at once:
# eight logins run side by side)
kc_sessions() {
  seq "$1" | xargs -P 8 -I{} sh -c "t=\$(curl -fsS -d grant_type=password -d client_id=bench -d username=bench \
      -d 'password=benchmark password' $KC_URL$KC_TOKEN_PATH | sed 's/.*\"refresh_token\":\"\([^\"]*\)\".*/\1/'); \
      printf '%s\\n' \"\$t\"" | grep -v '^$' >"$2"
}
