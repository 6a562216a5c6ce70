package ai.wevion.authclient;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies each distinct session JWT once a minute instead of on every call:
 * an ES256 signature check costs about a millisecond of CPU, while a caller
 * sends the same JWT many times an hour. A cached answer is kept until the
 * earlier of the JWT's {@code exp} and one minute (so a key dropped from the
 * JWKS stops working within a minute); revocation is still checked on every
 * call by {@link RevokedSessionAugmentor}.
 */
@Decorator
@Priority(1)
public abstract class VerifiedJwtCache implements JWTParser {

    private static final long KEEP_MILLIS = 60_000;
    private static final int MAX_ENTRIES = 10_000;

    private record Verified(JsonWebToken jwt, long validUntilMillis) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    @Delegate
    JWTParser parser;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified hit = verified.get(token);
        if (hit != null && now < hit.validUntilMillis()) {
            return hit.jwt();
        }
        JsonWebToken jwt = parser.parse(token); // an expired or invalid JWT throws here, as without the cache
        if (verified.size() >= MAX_ENTRIES) {
            verified.entrySet().removeIf(e -> e.getValue().validUntilMillis() <= now);
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(jwt, Math.min(jwt.getExpirationTime() * 1000, now + KEEP_MILLIS)));
        return jwt;
    }
}
