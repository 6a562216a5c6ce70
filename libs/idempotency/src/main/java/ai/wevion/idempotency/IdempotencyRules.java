package ai.wevion.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/** What a request with an {@code Idempotency-Key} gets (pure rules, no I/O). */
public final class IdempotencyRules {

    /** A first request still unanswered after this long is taken as lost (its replica died): the key is free again. */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    /** What to do with a request whose key was seen before. */
    public enum Outcome {
        /** The first request was answered: send its answer again. */
        REPLAY,
        /** The first request is still being answered: 409, try again in a second. */
        IN_PROGRESS,
        /** The key was used for another request: 422. */
        REUSED,
        /** The first request was lost on its way: act now. */
        PROCEED
    }

    private IdempotencyRules() {
    }

    /** A key a client may send: 1 to 100 visible ASCII characters (a UUID, say). */
    public static boolean validKey(String key) {
        return key != null && !key.isEmpty() && key.length() <= 100 && key.chars().allMatch(c -> c > 32 && c < 127);
    }

    /** Keys are per caller, so that one client can neither read nor block another's. */
    public static String keyHash(String caller, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((caller + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Outcome seenBefore(String storedFingerprint, String fingerprint, boolean completed, Instant createdAt, Instant now) {
        if (!storedFingerprint.equals(fingerprint)) {
            return Outcome.REUSED;
        }
        if (completed) {
            return Outcome.REPLAY;
        }
        return createdAt.plus(ABANDONED_AFTER).isBefore(now) ? Outcome.PROCEED : Outcome.IN_PROGRESS;
    }

    /** Only answers a retry should get again are kept: a server error lets the retry act. */
    public static boolean keep(int status) {
        return status < 500;
    }
}
