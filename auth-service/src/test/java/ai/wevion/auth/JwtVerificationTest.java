package ai.wevion.auth;

import ai.wevion.testing.MutableClock;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.auth.AuthApi.Login;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every service accepts as a session JWT (the shared session check, A6). */
@QuarkusTest
class JwtVerificationTest {

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    void anExpiredJwtAnswersTokenExpiredSoTheFrontendRefreshesIt_A6() {
        MutableClock.advance(Duration.ofHours(-2));
        Login browser = AuthApi.newWorkspaceOwner();
        MutableClock.reset();

        AuthApi.me(browser.jwt()).then().statusCode(401)
                .body("error", equalTo("token_expired"))
                .body("message", org.hamcrest.Matchers.containsString("/api/v1/auth/token"));
        String fresh = AuthApi.refresh(browser.cookie()).path("accessToken");
        AuthApi.me(fresh).then().statusCode(200);
    }

    @Test
    void forgedJwtsAreRefused() throws Exception {
        Login browser = AuthApi.newWorkspaceOwner();
        EllipticCurveJsonWebKey active = testKey("test-2026-11");

        String algNone = sign(claims(browser, "https://auth.wevion.ai"), null, AlgorithmIdentifiers.NONE, "test-2026-11");
        String hs256WithPublicKey = sign(claims(browser, "https://auth.wevion.ai"),
                new HmacKey(active.getPublicKey().getEncoded()), AlgorithmIdentifiers.HMAC_SHA256, "test-2026-11");
        String tampered = tamper(browser.jwt());
        String wrongIssuer = sign(claims(browser, "https://evil.example.com"), active.getPrivateKey(),
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "test-2026-11");
        EllipticCurveJsonWebKey stranger = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        String unknownKid = sign(claims(browser, "https://auth.wevion.ai"), stranger.getPrivateKey(),
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "stranger-key");

        JwtClaims meantForTokenService = claims(browser, "https://auth.wevion.ai");
        meantForTokenService.setAudience("token-service");
        String wrongAudience = sign(meantForTokenService, active.getPrivateKey(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                "test-2026-11");
        JwtClaims noAudience = claims(browser, "https://auth.wevion.ai");
        noAudience.unsetClaim("aud");
        String withoutAudience = sign(noAudience, active.getPrivateKey(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                "test-2026-11");

        for (String forged : List.of(algNone, hs256WithPublicKey, tampered, wrongIssuer, unknownKid, wrongAudience, withoutAudience)) {
            AuthApi.me(forged).then().statusCode(401).body("error", equalTo("invalid_token"));
        }
        AuthApi.me(browser.jwt()).then().statusCode(200);
    }

    @Test
    void aJwtSignedWithThePreviousPublishedKeyStillWorksDuringRotation() throws Exception {
        Login browser = AuthApi.newWorkspaceOwner();
        String signedWithOldKey = sign(claims(browser, "https://auth.wevion.ai"), testKey("test-2026-10").getPrivateKey(),
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "test-2026-10");

        AuthApi.me(signedWithOldKey).then().statusCode(200).body("userId", equalTo(browser.userId()));
    }

    @Test
    void theJwksPublishesEveryKeyByKidAndNoPrivatePart() {
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();

        assertThat(jwks).contains("\"kid\":\"test-2026-10\"").contains("\"kid\":\"test-2026-11\"").doesNotContain("\"d\"");
    }

    @Test
    void aProtectedEndpointWithoutATokenAnswers401WithAReadableError() {
        given().get("/api/v1/auth/me").then().statusCode(401).body("error", equalTo("unauthorized"));
    }

    private static JwtClaims claims(Login browser, String issuer) {
        JwtClaims claims = new JwtClaims();
        Map<String, Object> real = AuthApi.claims(browser.jwt());
        claims.setIssuer(issuer);
        claims.setAudience("wevion-session");
        claims.setSubject(browser.userId());
        claims.setClaim("ws", browser.workspaceId());
        claims.setClaim("sid", real.get("sid"));
        claims.setStringListClaim("groups", "owner");
        claims.setJwtId(java.util.UUID.randomUUID().toString());
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + 3600));
        return claims;
    }

    private static String sign(JwtClaims claims, java.security.Key key, String alg, String kid) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setDoKeyValidation(false);
        if (key != null) {
            jws.setKey(key);
        }
        return jws.getCompactSerialization();
    }

    private static String tamper(String jwt) {
        String[] parts = jwt.split("\\.");
        char[] signature = parts[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        return parts[0] + "." + parts[1] + "." + new String(signature);
    }

    private static EllipticCurveJsonWebKey testKey(String kid) throws Exception {
        JsonWebKeySet keys = new JsonWebKeySet(Files.readString(Path.of("src/test/resources/jwt-keys.json")));
        for (JsonWebKey key : keys.getJsonWebKeys()) {
            if (kid.equals(key.getKeyId())) {
                return (EllipticCurveJsonWebKey) key;
            }
        }
        throw new IllegalArgumentException(kid);
    }
}
