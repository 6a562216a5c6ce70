package ai.wevion.token.provider.meta;

import ai.wevion.token.provider.ProviderFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;

/** Maps Meta's error answers (docs/providers.md) to {@link ProviderFailure}s. */
final class MetaErrorClassifier {

    private static final Map<Integer, String> AUTH_SUBCODES = Map.of(
            458, "APP_REMOVED",
            459, "CHECKPOINT",
            460, "PASSWORD_CHANGED",
            463, "EXPIRED",
            464, "UNCONFIRMED",
            466, "REVOKED",
            467, "LOGGED_OUT",
            492, "PERMISSION_REMOVED",
            493, "DATA_ACCESS_EXPIRED");

    private MetaErrorClassifier() {
    }

    static ProviderFailure classify(int httpStatus, JsonObject body, String businessUsageHeader) {
        JsonObject error = body != null && body.getValue("error") instanceof JsonObject e ? e : null;
        if (error == null) {
            return ProviderFailure.retryable("PROVIDER_UNAVAILABLE", null, "HTTP " + httpStatus + " without an error body");
        }
        int code = number(error.getValue("code"), 0);
        Integer subcode = error.getValue("error_subcode") == null ? null : number(error.getValue("error_subcode"), 0);
        String message = error.getValue("message") instanceof String m ? m : "";
        if (code == 190 || code == 102) {
            return ProviderFailure.permanent(subcode == null ? "INVALID_TOKEN" : AUTH_SUBCODES.getOrDefault(subcode, "INVALID_TOKEN"),
                    code + "/" + subcode + " " + message);
        }
        if (code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014)) {
            return ProviderFailure.retryable("RATE_LIMITED", regainAccess(businessUsageHeader), code + " " + message);
        }
        if (code == 100 && message.contains("authorization code")) {
            return ProviderFailure.permanent("INVALID_CODE", message);
        }
        return ProviderFailure.retryable("PROVIDER_UNAVAILABLE", null, code + " " + message);
    }

    /** A number Meta may also send as text ("190"); {@code otherwise} when it is neither. */
    private static int number(Object value, int otherwise) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value instanceof String text ? Integer.parseInt(text.trim()) : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The longest {@code estimated_time_to_regain_access} (minutes) in X-Business-Use-Case-Usage. */
    static Duration regainAccess(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long minutes = 0;
            JsonObject usage = new JsonObject(header);
            for (String id : usage.fieldNames()) {
                JsonArray entries = usage.getJsonArray(id);
                for (int i = 0; i < entries.size(); i++) {
                    minutes = Math.max(minutes, entries.getJsonObject(i).getLong("estimated_time_to_regain_access", 0L));
                }
            }
            return minutes > 0 ? Duration.ofMinutes(minutes) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
