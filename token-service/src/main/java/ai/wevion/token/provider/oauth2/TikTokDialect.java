package ai.wevion.token.provider.oauth2;

import ai.wevion.token.provider.ProviderFailure;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What TikTok does differently from standard OAuth 2.0 (docs/providers.md): a JSON
 * token request {@code {app_id, secret, auth_code}}, the token in an
 * {@code Access-Token} header, and every answer an HTTP 200 envelope
 * {@code {code, message, data}} whose non-zero {@code code} is the error.
 */
final class TikTokDialect {

    private static final Set<Integer> DEAD = Set.of(40102, 40103, 40105, 40107, 40110, 40114);
    private static final Set<Integer> RATE_LIMITED = Set.of(40100, 40132, 61000);

    private TikTokDialect() {
    }

    static JsonObject tokenRequest(OAuth2Settings p, String authCode) {
        return new JsonObject().put("app_id", p.clientId().orElse("")).put("secret", p.clientSecret().orElse("")).put("auth_code", authCode);
    }

    /** The envelope's {@code data}, or the classified failure. */
    static JsonObject data(OAuth2Settings p, JsonObject envelope) {
        int code = envelope == null ? -1 : envelope.getInteger("code", -1);
        if (code == 0) {
            return envelope.getJsonObject("data", new JsonObject());
        }
        String detail = p.displayName() + " answered code " + code + (envelope == null ? "" : ": " + envelope.getString("message"));
        throw new ProviderFailure.Exception(classify(code, detail));
    }

    static ProviderFailure classify(int code, String detail) {
        if (DEAD.contains(code)) {
            return ProviderFailure.permanent(switch (code) {
                case 40102 -> "EXPIRED";
                case 40103 -> "REFRESH_EXPIRED";
                case 40107 -> "INVALID_REFRESH_TOKEN";
                case 40114 -> "LOGGED_OUT";
                case 40110 -> "INVALID_AUTH_CODE";
                default -> "REVOKED";
            }, detail);
        }
        if (RATE_LIMITED.contains(code)) {
            return ProviderFailure.retryable("RATE_LIMITED", null, detail);
        }
        return ProviderFailure.retryable(code == 40001 ? "INVALID_CLIENT" : "TRANSIENT", null, detail);
    }
}
