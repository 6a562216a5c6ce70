package ai.wevion.authclient.api;

import java.time.Duration;

/** A refusal the caller can act on: answered as its status with {@link ApiError}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Duration retryAfter;

    public ApiException(int status, String error, String message) {
        this(status, error, message, null);
    }

    /** A refusal that says when to try again ({@code Retry-After}). */
    public ApiException(int status, String error, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException badRequest(String error, String message) {
        return new ApiException(400, error, message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
