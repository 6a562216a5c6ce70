package ai.wevion.token.provider.oauth2;

import ai.wevion.token.provider.ProviderFailure;

import io.vertx.core.json.JsonObject;

/**
 * Standard OAuth 2.0 error answers, classified (T4, docs/providers.md "Google"):
 * a dead grant ({@code invalid_grant} for any cause, {@code invalid_rapt},
 * {@code admin_policy_enforced}) is PERMANENT — the user must re-authorize;
 * rate limits, provider trouble, our own client misconfiguration and anything
 * unrecognised are RETRYABLE, never "expired".
 */
public final class OAuth2Errors {

    private OAuth2Errors() {
    }

    public static ProviderFailure classify(String provider, int status, JsonObject body, String retryAfter) {
        String error = errorCode(body);
        String detail = provider + " answered " + status + (error == null ? "" : " " + error)
                + (text(body, "error_description") == null ? "" : ": " + text(body, "error_description"));
        if ("invalid_grant".equals(error)) {
            return ProviderFailure.permanent("invalid_rapt".equals(text(body, "error_subtype")) ? "INVALID_RAPT" : "INVALID_GRANT",
                    detail);
        }
        if ("invalid_token".equals(error) && status == 401) {
            // a call made with the token (a liveness check of a token that never expires): it was revoked
            return ProviderFailure.permanent("REVOKED", detail);
        }
        if ("account_invalid".equals(error) && status == 403) {
            // Stripe, after the account removed the app: the token will never work again
            return ProviderFailure.permanent("REVOKED", detail);
        }
        if ("admin_policy_enforced".equals(error)) {
            return ProviderFailure.permanent("ADMIN_POLICY_ENFORCED", detail);
        }
        if (status == 429) {
            return ProviderFailure.retryable("RATE_LIMITED", OAuth2Client.seconds(retryAfter), detail);
        }
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            // our client id or secret is wrong: every user would "expire" — an operator must fix it instead
            return ProviderFailure.retryable("INVALID_CLIENT", null, detail);
        }
        if (status >= 500) {
            return ProviderFailure.retryable("TRANSIENT", OAuth2Client.seconds(retryAfter), detail);
        }
        return ProviderFailure.retryable("PROVIDER_ERROR", null, detail);
    }

    /** RFC 6749's {@code error} string, or the {@code code} of Stripe's {@code error} object; null when neither. */
    private static String errorCode(JsonObject body) {
        Object error = body == null ? null : body.getValue("error");
        if (error instanceof JsonObject object) {
            return object.getValue("code") instanceof String code ? code : null;
        }
        return error instanceof String code ? code : null;
    }

    private static String text(JsonObject body, String field) {
        return body != null && body.getValue(field) instanceof String value ? value : null;
    }
}
