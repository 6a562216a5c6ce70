package ai.wevion.sim.meta;

import ai.wevion.sim.control.SimUser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Meta's Graph API error envelope and codes, as docs/providers.md lists them. */
final class MetaErrors {

    private MetaErrors() {
    }

    static Response forFailure(SimUser.Failure failure, String appId, String userId) {
        String validating = "Error validating access token: ";
        return switch (failure.mode()) {
            case EXPIRED -> oauth(190, 463, validating + "Session has expired on " + Instant.now().minusSeconds(60)
                    + ". The current time is " + Instant.now() + ".");
            case APP_REMOVED -> oauth(190, 458, validating + "The user has not authorized application " + appId + ".");
            case CHECKPOINT -> oauth(190, 459, validating + "You cannot access the app till you log in to www.facebook.com "
                    + "and follow the instructions given.");
            case PASSWORD_CHANGED -> oauth(190, 460, validating + "The session has been invalidated because the user changed "
                    + "their password or Facebook has changed the session for security reasons.");
            case UNCONFIRMED -> oauth(190, 464, validating + "Sessions for the user  are not allowed because the user is "
                    + "not a confirmed user.");
            case LOGGED_OUT -> oauth(190, 467, validating + "The session is invalid because the user logged out.");
            case DATA_ACCESS_EXPIRED -> oauth(190, 493, "The access token is invalid since the user hasn't engaged the app "
                    + "in longer than 90 days.");
            case INVALID_GRANT -> failure.code() != null && failure.code() == 466
                    ? oauth(190, 466, validating + "The session was invalidated explicitly using an API call.")
                    : invalidToken();
            case RATE_LIMITED -> rateLimited(failure.code() == null ? 17 : failure.code(), userId);
            case TRANSIENT -> failure.code() != null && failure.code() == 1
                    ? error(500, 1, null, "An unknown error occurred", "OAuthException", false)
                    : error(503, 2, null, "Service temporarily unavailable", "OAuthException", true);
            case TIMEOUT, NONE -> throw new IllegalArgumentException(failure.mode() + " is not an error answer");
        };
    }

    static Response invalidToken() {
        return oauth(190, null, "Invalid OAuth access token - Cannot parse access token");
    }

    static Response expiredToken(Instant expiredAt) {
        return oauth(190, 463, "Error validating access token: Session has expired on " + expiredAt
                + ". The current time is " + Instant.now() + ".");
    }

    static Response codeUsed() {
        return error(400, 100, 36009, "This authorization code has been used.", "OAuthException", false);
    }

    static Response codeInvalid() {
        return error(400, 100, 36007, "This authorization code has expired.", "OAuthException", false);
    }

    static Response badClientSecret() {
        return error(400, 1, null, "Error validating client secret.", "OAuthException", false);
    }

    static Response missingParameter(String name) {
        return error(400, 100, null, "Missing " + name + " parameter.", "OAuthException", false);
    }

    private static Response oauth(int code, Integer subcode, String message) {
        return Response.fromResponse(error(400, code, subcode, message, "OAuthException", false))
                .header("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_token\" \"" + message.replace("\"", "") + "\"")
                .build();
    }

    /** Meta's rate-limit codes: 4 app, 17 user, 32 pages, 613 API, 80000–80014 business use case. */
    private static Response rateLimited(int code, String userId) {
        String usage = "{\"" + userId + "\":[{\"type\":\"ads_management\",\"call_count\":100,\"total_cputime\":35,"
                + "\"total_time\":42,\"estimated_time_to_regain_access\":5}]}";
        Response error = switch (code) {
            case 4 -> error(400, 4, null, "Application request limit reached", "OAuthException", false);
            case 32 -> error(400, 32, null, "Page request limit reached", "OAuthException", false);
            case 613 -> error(400, 613, null, "Calls to this api have exceeded the rate limit.", "OAuthException", false);
            case 17 -> error(400, 17, 2446079, "User request limit reached", "OAuthException", false);
            default -> error(400, code, null, "There have been too many calls from this ad-account. Wait a bit and try again.",
                    "OAuthException", false);
        };
        return Response.fromResponse(error)
                .header("X-App-Usage", "{\"call_count\":100,\"total_time\":42,\"total_cputime\":35}")
                .header("X-Business-Use-Case-Usage", usage)
                .build();
    }

    private static Response error(int status, int code, Integer subcode, String message, String type, boolean transientError) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("error_user_title", "");
        error.put("error_user_msg", "");
        error.put("fbtrace_id", "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        if (transientError) {
            error.put("is_transient", true);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", error)).build();
    }
}
