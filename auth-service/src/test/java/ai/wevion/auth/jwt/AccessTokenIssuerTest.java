package ai.wevion.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.auth.TestAuthConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The session JWT's claims (A1, A5, A7) as every service reads them: ES256 with
 * the active key's {@code kid}, {@code exp = iat + 3600}, the workspace, the
 * role, the session, and the impersonating admin; service JWTs carry role {@code service}.
 */
class AccessTokenIssuerTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

    private final SigningKeys keys = SigningKeysTest.keys(SigningKeysTest.TEST_KEYS, null);
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(keys, Clock.fixed(NOW, ZoneOffset.UTC), TestAuthConfig.defaults());

    @Test
    void aSessionJwtLastsOneHourAndNamesUserWorkspaceRoleAndSession_A1_A7() throws Exception {
        AccessTokenIssuer.SignedToken signed = issuer.forSession("user-1", "ws-1", "admin", "sid-1", null);
        JwtClaims claims = verified(signed.token());

        assertThat(signed.expiresIn()).isEqualTo(3600);
        assertThat(claims.getIssuer()).isEqualTo("https://auth.wevion.ai");
        assertThat(claims.getSubject()).isEqualTo("user-1");
        assertThat(claims.getStringClaimValue("ws")).isEqualTo("ws-1");
        assertThat(claims.getStringClaimValue("sid")).isEqualTo("sid-1");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("admin");
        assertThat(claims.getIssuedAt()).isEqualTo(NumericDate.fromSeconds(NOW.getEpochSecond()));
        assertThat(claims.getExpirationTime()).isEqualTo(NumericDate.fromSeconds(NOW.getEpochSecond() + 3600));
        assertThat(claims.getJwtId()).isNotBlank();
        assertThat(claims.hasClaim("act")).isFalse();
    }

    @Test
    void theJwtIsAJwtSignedEs256WithTheActiveKeysKid_A1() throws Exception {
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(
                issuer.forSession("user-1", "ws-1", "member", "sid-1", null).token());

        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo("test-2026-11");
        assertThat(jws.getHeader("typ")).isEqualTo("JWT");
    }

    @Test
    void anImpersonationJwtNamesTheAdminActingAsTheUser_A5() throws Exception {
        JwtClaims claims = verified(issuer.forSession("user-1", "ws-1", "member", "sid-2", "admin-9").token());

        assertThat(claims.getSubject()).isEqualTo("user-1");
        assertThat(claims.getClaimValue("act", Map.class)).isEqualTo(Map.of("sub", "admin-9"));
    }

    @Test
    void aServiceJwtHasRoleServiceItsScopesAndAudiencesAndNoWorkspaceOrSession() throws Exception {
        JwtClaims claims = verified(issuer.forService("scheduler", List.of("refresh:run", "sync-schedule:run"),
                List.of("token-service", "connector-service")).token());

        assertThat(claims.getSubject()).isEqualTo("scheduler");
        assertThat(claims.getStringClaimValue("scope")).isEqualTo("refresh:run sync-schedule:run");
        assertThat(claims.getAudience()).containsExactlyInAnyOrder("token-service", "connector-service");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly(AccessTokenIssuer.SERVICE_ROLE);
        assertThat(claims.hasClaim("ws")).isFalse();
        assertThat(claims.hasClaim("sid")).isFalse();
    }

    @Test
    void aSessionJwtIsMeantForTheWholeApi_A1() throws Exception {
        assertThat(verified(issuer.forSession("user-1", "ws-1", "member", "sid-1", null).token()).getAudience())
                .containsExactly(AccessTokenIssuer.SESSION_AUDIENCE);
    }

    @Test
    void everyJwtHasItsOwnId_A1() throws Exception {
        String first = verified(issuer.forSession("user-1", "ws-1", "member", "sid-1", null).token()).getJwtId();
        String second = verified(issuer.forSession("user-1", "ws-1", "member", "sid-1", null).token()).getJwtId();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aRotatedKeySignsTheNextJwtUnderItsOwnKid_A1() throws Exception {
        // a rotation makes another key active (SigningKeys) and restarts the replicas
        SigningKeys october = SigningKeysTest.keys(SigningKeysTest.TEST_KEYS, "test-2026-10");
        String before = issuer.forSession("user-1", "ws-1", "member", "sid-1", null).token();
        String after = new AccessTokenIssuer(october, Clock.fixed(NOW, ZoneOffset.UTC), TestAuthConfig.defaults())
                .forSession("user-1", "ws-1", "member", "sid-1", null).token();

        assertThat(JsonWebSignature.fromCompactSerialization(before).getKeyIdHeaderValue()).isEqualTo("test-2026-11");
        assertThat(JsonWebSignature.fromCompactSerialization(after).getKeyIdHeaderValue()).isEqualTo("test-2026-10");
        assertThat(verified(after).getSubject()).isEqualTo("user-1"); // and its signature is the October key's
    }

    /** As a service verifies it: the published JWKS, ES256 only, at the issuing instant. */
    private JwtClaims verified(String token) throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(keys.publicJwks());
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(token);
        var key = new VerificationJwkSelector().select(jws, jwks.getJsonWebKeys());
        return new JwtConsumerBuilder()
                .setVerificationKey(key.getKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, List.of(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                        .toArray(String[]::new))
                .setEvaluationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 60))
                .setExpectedIssuer("https://auth.wevion.ai")
                .setRequireExpirationTime()
                .setSkipDefaultAudienceValidation() // each test asserts the audience it expects
                .build()
                .processToClaims(token);
    }
}
