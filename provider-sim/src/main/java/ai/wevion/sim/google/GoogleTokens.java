package ai.wevion.sim.google;

import jakarta.enterprise.context.ApplicationScoped;
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

/** Google's authorization codes (single use, with their PKCE challenge), access tokens and refresh tokens. */
@ApplicationScoped
public class GoogleTokens {

    record Code(String userId, String redirectUri, String challenge) {
    }

    record Access(String userId, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Access> access = new ConcurrentHashMap<>();
    private final Map<String, String> refresh = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    String issueCode(String userId, String redirectUri, String challenge) {
        String code = "4/0A" + random(24);
        codes.put(code, new Code(userId, redirectUri, challenge));
        return code;
    }

    /** The code, once. */
    Optional<Code> redeem(String code) {
        return Optional.ofNullable(code == null ? null : codes.remove(code));
    }

    String issueAccess(String userId, long lifetimeSeconds) {
        String token = "ya29.a0" + random(48);
        access.put(token, new Access(userId, Instant.now().plusSeconds(lifetimeSeconds)));
        issued.add(token);
        return token;
    }

    String issueRefresh(String userId) {
        String token = "1//0g" + random(40);
        refresh.put(token, userId);
        issued.add(token);
        return token;
    }

    Optional<Access> access(String token) {
        return Optional.ofNullable(token == null ? null : access.get(token));
    }

    Optional<String> refreshOwner(String token) {
        return Optional.ofNullable(token == null ? null : refresh.get(token));
    }

    /** A dead grant: its refresh tokens stop working for good. */
    void revoke(String refreshToken) {
        refresh.remove(refreshToken);
    }

    public Set<String> issued() {
        return Set.copyOf(issued);
    }

    static boolean pkceMatches(String challenge, String verifier) {
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
