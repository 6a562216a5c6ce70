package ai.wevion.auth.jwt;

import ai.wevion.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs the 1-hour session JWTs (claims: docs/contract.md) and the service JWTs,
 * with jose4j, the JOSE library smallrye-jwt itself signs and verifies with.
 * Every claim is set here, so nothing is read from the configuration per token
 * (smallrye-jwt's builder looked up six settings for each one: 7 % of the
 * refresh path's CPU, docs/performance.md).
 */
@ApplicationScoped
public class AccessTokenIssuer {

    public static final String SERVICE_ROLE = "service";
    /** Every service accepts this audience: a session JWT is meant for the whole API. */
    public static final String SESSION_AUDIENCE = "wevion-session";

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final Duration lifetime;

    public AccessTokenIssuer(SigningKeys keys, Clock clock, AuthConfig config) {
        this.keys = keys;
        this.clock = clock;
        this.issuer = config.jwt().issuer();
        this.lifetime = config.jwt().lifetime();
    }

    public record SignedToken(String token, long expiresIn) {
    }

    /** A session JWT; {@code impersonatorId} (may be null) becomes {@code act.sub} (A5). */
    public SignedToken forSession(String userId, String workspaceId, String role, String sessionId, String impersonatorId) {
        JwtClaims claims = base(userId, role);
        claims.setAudience(SESSION_AUDIENCE);
        claims.setClaim("ws", workspaceId);
        claims.setClaim("sid", sessionId);
        if (impersonatorId != null) {
            claims.setClaim("act", Map.of("sub", impersonatorId));
        }
        return sign(claims);
    }

    /**
     * A service JWT (client-credentials grant): role {@code service}, its
     * client's scopes (space-separated, RFC 8693 style) and the services it
     * may call as {@code aud}; no workspace, no session.
     */
    public SignedToken forService(String clientId, List<String> scopes, List<String> audiences) {
        JwtClaims claims = base(clientId, SERVICE_ROLE);
        claims.setClaim("scope", String.join(" ", scopes));
        claims.setAudience(List.copyOf(audiences));
        return sign(claims);
    }

    private JwtClaims base(String subject, String role) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setStringListClaim("groups", role);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetime.toSeconds()));
        return claims;
    }

    private SignedToken sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(keys.activeKeyId());
        jws.setKey(keys.activePrivateKey());
        jws.setPayload(claims.toJson());
        try {
            return new SignedToken(jws.getCompactSerialization(), lifetime.toSeconds());
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a JWT with key " + keys.activeKeyId(), e);
        }
    }
}
