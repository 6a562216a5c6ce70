package ai.wevion.sim.meta;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Authorization codes and the user tokens Meta issued; every token is a new random string. */
@ApplicationScoped
public class MetaTokens {

    public record Token(String userId, Instant expiresAt) {
        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    public record Code(String userId, String redirectUri, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> usedCodes = new ConcurrentHashMap<>();

    public String issueToken(String userId, long lifetimeSeconds) {
        String token = "EAAG" + random(96);
        tokens.put(token, new Token(userId, Instant.now().plusSeconds(lifetimeSeconds)));
        return token;
    }

    /** Every token issued so far, for the tests' leak scans. */
    public java.util.Set<String> issued() {
        return java.util.Set.copyOf(tokens.keySet());
    }

    public Optional<Token> token(String token) {
        return Optional.ofNullable(token).map(tokens::get);
    }

    public String issueCode(String userId, String redirectUri) {
        String code = "AQ" + random(120);
        codes.put(code, new Code(userId, redirectUri, Instant.now().plusSeconds(600)));
        return code;
    }

    /** The code, removed so that it works once; empty when unknown. */
    public Optional<Code> redeem(String code) {
        Code found = code == null ? null : codes.remove(code);
        if (found != null) {
            usedCodes.put(code, Boolean.TRUE);
        }
        return Optional.ofNullable(found);
    }

    public boolean wasUsed(String code) {
        return code != null && usedCodes.containsKey(code);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('-', 'Z').replace('_', 'Y');
    }
}
