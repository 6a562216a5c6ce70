package ai.wevion.auth.jwt;

import ai.wevion.auth.config.AuthConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Signs the 1-hour session JWTs (claims: docs/contract.md) and the service JWTs. */
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
        JwtClaimsBuilder claims = base(userId, role).audience(SESSION_AUDIENCE).claim("ws", workspaceId).claim("sid", sessionId);
        if (impersonatorId != null) {
            claims.claim("act", Map.of("sub", impersonatorId));
        }
        return sign(claims);
    }

    /**
     * A service JWT (client-credentials grant): role {@code service}, its
     * client's scopes (space-separated, RFC 8693 style) and the services it
     * may call as {@code aud}; no workspace, no session.
     */
    public SignedToken forService(String clientId, List<String> scopes, List<String> audiences) {
        return sign(base(clientId, SERVICE_ROLE).claim("scope", String.join(" ", scopes)).audience(Set.copyOf(audiences)));
    }

    private JwtClaimsBuilder base(String subject, String role) {
        long now = clock.instant().getEpochSecond();
        return Jwt.issuer(issuer)
                .subject(subject)
                .groups(Set.of(role))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now + lifetime.toSeconds());
    }

    private SignedToken sign(JwtClaimsBuilder claims) {
        String token = claims.jws()
                .keyId(keys.activeKeyId())
                .algorithm(SignatureAlgorithm.ES256)
                .sign(keys.activePrivateKey());
        return new SignedToken(token, lifetime.toSeconds());
    }
}
