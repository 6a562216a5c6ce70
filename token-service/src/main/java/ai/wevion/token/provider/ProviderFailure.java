package ai.wevion.token.provider;

import java.time.Duration;

/**
 * Why a provider call failed, classified (T4): PERMANENT means the token is dead
 * and the user must reconnect; RETRYABLE (rate limit, provider trouble, timeout)
 * means wait and try again, never "expired".
 */
public record ProviderFailure(Kind kind, String reason, Duration retryAfter, String detail) {

    public enum Kind { PERMANENT, RETRYABLE }

    public static ProviderFailure permanent(String reason, String detail) {
        return new ProviderFailure(Kind.PERMANENT, reason, null, detail);
    }

    public static ProviderFailure retryable(String reason, Duration retryAfter, String detail) {
        return new ProviderFailure(Kind.RETRYABLE, reason, retryAfter, detail);
    }

    public boolean isPermanent() {
        return kind == Kind.PERMANENT;
    }

    /** Carries the classification through a failed Uni. */
    public static final class Exception extends RuntimeException {
        private final ProviderFailure failure;

        public Exception(ProviderFailure failure) {
            super(failure.reason() + ": " + failure.detail(), null, false, false);
            this.failure = failure;
        }

        public ProviderFailure failure() {
            return failure;
        }
    }
}
