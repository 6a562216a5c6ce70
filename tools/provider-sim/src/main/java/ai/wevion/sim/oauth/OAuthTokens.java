package ai.wevion.sim.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One OAuth 2.0 provider's authorization codes (single use, with their PKCE
 * challenge), access tokens and refresh tokens, with the provider's token
 * prefixes (so that leak scans can find them).
 */
public class OAuthTokens {

    public record Code(String userId, String redirectUri, String challenge) {
    }

    public record Access(String userId, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Access> access = new ConcurrentHashMap<>();
    private final Map<String, String> refresh = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final String codePrefix;
    private final String accessPrefix;
    private final String refreshPrefix;

    public OAuthTokens(String codePrefix, String accessPrefix, String refreshPrefix) {
        this.codePrefix = codePrefix;
        this.accessPrefix = accessPrefix;
        this.refreshPrefix = refreshPrefix;
    }

    public String issueCode(String userId, String redirectUri, String challenge) {
        String code = codePrefix + random(24);
        codes.put(code, new Code(userId, redirectUri, challenge));
        return code;
    }

    /** The code, once. */
    public Optional<Code> redeem(String code) {
        return Optional.ofNullable(code == null ? null : codes.remove(code));
    }

    public String issueAccess(String userId, long lifetimeSeconds) {
        String token = accessPrefix + random(48);
        access.put(token, new Access(userId, lifetimeSeconds > 0 ? Instant.now().plusSeconds(lifetimeSeconds) : Instant.MAX));
        issued.add(token);
        return token;
    }

    public String issueRefresh(String userId) {
        String token = refreshPrefix + random(40);
        refresh.put(token, userId);
        issued.add(token);
        return token;
    }

    public Optional<Access> access(String token) {
        return Optional.ofNullable(token == null ? null : access.get(token));
    }

    public Optional<String> refreshOwner(String token) {
        return Optional.ofNullable(token == null ? null : refresh.get(token));
    }

    /** A dead grant: its refresh tokens stop working for good. */
    public void revoke(String refreshToken) {
        refresh.remove(refreshToken);
    }

    public void revokeAll(String userId) {
        access.values().removeIf(a -> a.userId().equals(userId));
        refresh.values().removeIf(userId::equals);
    }

    public Set<String> issued() {
        return Set.copyOf(issued);
    }

    public static boolean pkceMatches(String challenge, String verifier) {
        if (challenge == null) {
            return true;
        }
        if (verifier == null) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).equals(challenge);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
