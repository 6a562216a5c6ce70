package ai.wevion.auth.jwt;

import ai.wevion.auth.config.AuthConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs the 1-hour session JWTs (claims: docs/contract.md) and the service JWTs:
 * ES256, JWS compact serialization (RFC 7515), with the JDK's own signature in
 * the JOSE form (R || S, {@code SHA256withECDSAinP1363Format}) and its Base64;
 * smallrye-jwt verifies them with jose4j in every service. Signing through
 * jose4j cost 6.6 % of the refresh path's CPU around the signature itself
 * (its JSON writer, its Base64 with growing buffers, a header map per token);
 * this way a refresh costs 11 % less CPU (docs/performance.md). Every claim is
 * set here, so nothing is read from the configuration per token.
 */
@ApplicationScoped
public class AccessTokenIssuer {

    public static final String SERVICE_ROLE = "service";
    /** Every service accepts this audience: a session JWT is meant for the whole API. */
    public static final String SESSION_AUDIENCE = "wevion-session";

    private static final ObjectWriter JSON = new ObjectMapper().writer();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String keyId;
    private final PrivateKey key;
    private final String header;
    private final Clock clock;
    private final String issuer;
    private final Duration lifetime;

    @Inject
    public AccessTokenIssuer(SigningKeys keys, Clock clock, AuthConfig config) {
        this(keys.activeKeyId(), keys.activePrivateKey(), clock, config.jwt().issuer(), config.jwt().lifetime());
    }

    /** Without CDI: the signing ceiling of the benchmark (tools/bench/SigningRate.java) signs with this very code. */
    public AccessTokenIssuer(String keyId, PrivateKey key, Clock clock, String issuer, Duration lifetime) {
        this.keyId = keyId;
        this.key = key;
        this.header = encodedHeader(keyId);
        this.clock = clock;
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    public record SignedToken(String token, long expiresIn) {
    }

    /** A session JWT; {@code impersonatorId} (may be null) becomes {@code act.sub} (A5). */
    public SignedToken forSession(String userId, String workspaceId, String role, String sessionId, String impersonatorId) {
        Map<String, Object> claims = base(userId, role);
        claims.put("aud", SESSION_AUDIENCE);
        claims.put("ws", workspaceId);
        claims.put("sid", sessionId);
        if (impersonatorId != null) {
            claims.put("act", Map.of("sub", impersonatorId));
        }
        return sign(claims);
    }

    /**
     * A service JWT (client-credentials grant): role {@code service}, its
     * client's scopes (space-separated, RFC 8693 style) and the services it
     * may call as {@code aud}; no workspace, no session.
     */
    public SignedToken forService(String clientId, List<String> scopes, List<String> audiences) {
        Map<String, Object> claims = base(clientId, SERVICE_ROLE);
        claims.put("scope", String.join(" ", scopes));
        claims.put("aud", List.copyOf(audiences));
        return sign(claims);
    }

    private Map<String, Object> base(String subject, String role) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>(16);
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("groups", List.of(role));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now);
        claims.put("exp", now + lifetime.toSeconds());
        return claims;
    }

    private SignedToken sign(Map<String, Object> claims) {
        try {
            String input = header + '.' + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return new SignedToken(input + '.' + BASE64URL.encodeToString(signature.sign()), lifetime.toSeconds());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot sign a JWT with key " + keyId, e);
        }
    }

    /** The JOSE header, the same for every token of a key: encoded once. */
    private static String encodedHeader(String keyId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("typ", "JWT");
        fields.put("alg", "ES256");
        fields.put("kid", keyId);
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the JWT header of key " + keyId, e);
        }
    }
}
