package ai.wevion.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Session and service JWTs shaped as auth-service issues them, signed with the
 * test key whose public half is {@code test-jwks.json} (a service's test profile
 * verifies against it: {@code mp.jwt.verify.publickey.location=test-jwks.json}).
 */
public final class TestJwts {

    private static final EllipticCurveJsonWebKey KEY = load();
    /** What every service accepts from a browser's session JWT. */
    public static final String SESSION_AUDIENCE = "wevion-session";
    private static final JsonNode CLIENTS = clients();

    private TestJwts() {
    }

    /** A member of a workspace, as a browser would hold them. */
    public record User(String userId, String workspaceId, String role, String sessionId) {
        public String bearer() {
            return "Bearer " + TestJwts.session(this);
        }
    }

    public static User newUser(String workspaceId, String role) {
        return new User(UUID.randomUUID().toString(), workspaceId, role, UUID.randomUUID().toString());
    }

    public static String session(User user) {
        JwtClaims claims = base(user.userId(), user.role());
        claims.setAudience(SESSION_AUDIENCE);
        claims.setClaim("ws", user.workspaceId());
        claims.setClaim("sid", user.sessionId());
        return sign(claims);
    }

    /** The user's session JWT while an admin acts as them: the admin is {@code act.sub} (A5). */
    public static String sessionActedBy(User user, String adminId) {
        JwtClaims claims = base(user.userId(), user.role());
        claims.setAudience(SESSION_AUDIENCE);
        claims.setClaim("ws", user.workspaceId());
        claims.setClaim("sid", user.sessionId());
        claims.setClaim("act", java.util.Map.of("sub", adminId));
        return sign(claims);
    }

    /** The user's session JWT that expires in {@code seconds} (a JWT at the end of its hour). */
    public static String sessionExpiringIn(User user, long seconds) {
        JwtClaims claims = base(user.userId(), user.role());
        claims.setAudience(SESSION_AUDIENCE);
        claims.setClaim("ws", user.workspaceId());
        claims.setClaim("sid", user.sessionId());
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + seconds));
        return sign(claims);
    }

    /** A service JWT of this client as auth-service issues it: its scopes and audiences from docs/contracts/service-clients.json. */
    public static String service(String clientId) {
        JsonNode client = CLIENTS.path(clientId);
        if (client.isMissingNode()) {
            throw new IllegalArgumentException("no service client " + clientId + " in docs/contracts/service-clients.json");
        }
        List<String> scopes = new ArrayList<>();
        client.path("scopes").forEach(n -> scopes.add(n.asText()));
        List<String> audiences = new ArrayList<>();
        client.path("audiences").forEach(n -> audiences.add(n.asText()));
        return service(clientId, scopes, audiences);
    }

    /** A service JWT with exactly these scopes and audiences (for refusals). */
    public static String service(String clientId, List<String> scopes, List<String> audiences) {
        JwtClaims claims = base(clientId, "service");
        claims.setClaim("scope", String.join(" ", scopes));
        claims.setAudience(audiences);
        return sign(claims);
    }

    private static JwtClaims base(String subject, String role) {
        JwtClaims claims = new JwtClaims();
        long now = Instant.now().getEpochSecond();
        claims.setIssuer("https://auth.wevion.ai");
        claims.setSubject(subject);
        claims.setStringListClaim("groups", role);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 3600));
        return claims;
    }

    private static String sign(JwtClaims claims) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setKeyIdHeaderValue(KEY.getKeyId());
            jws.setKey(KEY.getPrivateKey());
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode clients() {
        try {
            return new ObjectMapper().readTree(Repo.path("docs/contracts/service-clients.json").toFile()).path("clients");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EllipticCurveJsonWebKey load() {
        try (InputStream in = TestJwts.class.getResourceAsStream("/test-jwt-signing-key.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (EllipticCurveJsonWebKey) new JsonWebKeySet(json).getJsonWebKeys().get(0);
        } catch (IOException | org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
