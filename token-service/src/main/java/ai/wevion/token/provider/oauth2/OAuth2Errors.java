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
        String error = body == null ? null : body.getString("error");
        String detail = provider + " answered " + status + (error == null ? "" : " " + error)
                + (body == null || body.getString("error_description") == null ? "" : ": " + body.getString("error_description"));
        if ("invalid_grant".equals(error)) {
            return ProviderFailure.permanent("invalid_rapt".equals(body.getString("error_subtype")) ? "INVALID_RAPT" : "INVALID_GRANT",
                    detail);
        }
        if ("invalid_token".equals(error) && status == 401) {
            // a call made with the token (a liveness check of a token that never expires): it was revoked
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
}
