package ai.wevion.token.provider.oauth2;

import ai.wevion.token.provider.Granted;
import ai.wevion.token.provider.ProviderFailure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * How a provider shapes its calls and answers — the token's header, the
 * answer's envelope, the identity and ad accounts: the odd part of an
 * otherwise configured provider.
 */
public enum GrantFormat {

    /** Google: userinfo {@code {sub, name}}; Google Ads customers {@code {resourceNames: ["customers/123"]}} (no names). */
    GOOGLE {
        @Override
        Granted.Identity identity(JsonObject body) {
            String id = body.getString("sub");
            return new Granted.Identity(id, body.getString("name", id));
        }

        @Override
        List<Granted.AdAccount> adAccounts(JsonObject body, String displayName) {
            List<Granted.AdAccount> accounts = new ArrayList<>();
            for (Object name : body.getJsonArray("resourceNames", new JsonArray())) {
                String id = name.toString().substring(name.toString().lastIndexOf('/') + 1);
                accounts.add(new Granted.AdAccount(id, displayName + " " + id));
            }
            return accounts;
        }
    },

    /** Snapchat: {@code {me: {id, display_name}}}; {@code {organizations: [{organization: {ad_accounts: [{id, name}]}}]}}. */
    SNAPCHAT {
        @Override
        Granted.Identity identity(JsonObject body) {
            JsonObject me = body.getJsonObject("me", new JsonObject());
            return new Granted.Identity(me.getString("id"), me.getString("display_name", me.getString("id")));
        }

        @Override
        List<Granted.AdAccount> adAccounts(JsonObject body, String displayName) {
            List<Granted.AdAccount> accounts = new ArrayList<>();
            for (Object entry : body.getJsonArray("organizations", new JsonArray())) {
                JsonObject organization = ((JsonObject) entry).getJsonObject("organization", new JsonObject());
                for (Object account : organization.getJsonArray("ad_accounts", new JsonArray())) {
                    JsonObject a = (JsonObject) account;
                    accounts.add(new Granted.AdAccount(a.getString("id"), a.getString("name", a.getString("id"))));
                }
            }
            return accounts;
        }
    },

    /** Stripe: {@code GET /v1/account} → {@code {id: "acct_…", business_profile: {name}}}; no ad accounts (an integration). */
    STRIPE {
        @Override
        Granted.Identity identity(JsonObject body) {
            String id = body.getString("id");
            return new Granted.Identity(id, body.getJsonObject("business_profile", new JsonObject()).getString("name", id));
        }

        @Override
        List<Granted.AdAccount> adAccounts(JsonObject body, String displayName) {
            return List.of();
        }
    },

    /** TikTok (the envelope's {@code data}): {@code {core_user_id, display_name}}; {@code {list: [{advertiser_id, advertiser_name}]}}. */
    TIKTOK {
        @Override
        void authenticate(HttpRequest<Buffer> request, OAuth2Settings p, String accessToken) {
            request.putHeader("Access-Token", accessToken).addQueryParam("app_id", p.clientId().orElse("")).addQueryParam("secret", p.clientSecret().orElse(""));
        }

        @Override
        JsonObject unwrap(OAuth2Settings p, int status, JsonObject body, String retryAfter) {
            return TikTokDialect.data(p, body);
        }

        @Override
        Granted.Identity identity(JsonObject data) {
            String id = data.getString("core_user_id");
            return new Granted.Identity(id, data.getString("display_name", id));
        }

        @Override
        List<Granted.AdAccount> adAccounts(JsonObject data, String displayName) {
            List<Granted.AdAccount> accounts = new ArrayList<>();
            for (Object entry : data.getJsonArray("list", new JsonArray())) {
                JsonObject a = (JsonObject) entry;
                String id = String.valueOf(a.getValue("advertiser_id"));
                accounts.add(new Granted.AdAccount(id, a.getString("advertiser_name", id)));
            }
            return accounts;
        }
    },

    /**
     * TikTok creator accounts: token requests as JSON ({@code auth_code}), the
     * {@code Access-Token} header, the envelope; 24-hour access tokens and
     * rotating refresh tokens; no ad accounts.
     */
    TIKTOK_CREATOR {
        @Override
        void authenticate(HttpRequest<Buffer> request, OAuth2Settings p, String accessToken) {
            request.putHeader("Access-Token", accessToken);
        }

        @Override
        JsonObject unwrap(OAuth2Settings p, int status, JsonObject body, String retryAfter) {
            return TikTokDialect.data(p, body);
        }

        @Override
        boolean jsonTokenRequests() {
            return true;
        }

        @Override
        String codeField() {
            return "auth_code";
        }

        @Override
        Granted.Identity identity(JsonObject data) {
            return TIKTOK.identity(data);
        }

        @Override
        List<Granted.AdAccount> adAccounts(JsonObject data, String displayName) {
            return List.of();
        }
    },

    /** Taboola (client credentials): allowed accounts {@code {results: [{account_id, name}]}}. */
    TABOOLA {
        @Override
        List<Granted.AdAccount> adAccounts(JsonObject body, String displayName) {
            List<Granted.AdAccount> accounts = new ArrayList<>();
            for (Object entry : body.getJsonArray("results", new JsonArray())) {
                JsonObject a = (JsonObject) entry;
                String id = String.valueOf(a.getValue("account_id", a.getValue("id")));
                accounts.add(new Granted.AdAccount(id, a.getString("name", id)));
            }
            return accounts;
        }
    },

    /** Outbrain (Basic login → {@code {"OB-TOKEN-V1": …}}, sent back in that header): {@code {marketers: [{id, name}]}}. */
    OUTBRAIN {
        @Override
        void authenticate(HttpRequest<Buffer> request, OAuth2Settings p, String accessToken) {
            request.putHeader("OB-TOKEN-V1", accessToken);
        }

        @Override
        String loginToken(JsonObject body) {
            return body.getString("OB-TOKEN-V1");
        }

        @Override
        List<Granted.AdAccount> adAccounts(JsonObject body, String displayName) {
            List<Granted.AdAccount> accounts = new ArrayList<>();
            for (Object entry : body.getJsonArray("marketers", new JsonArray())) {
                JsonObject m = (JsonObject) entry;
                accounts.add(new Granted.AdAccount(m.getString("id"), m.getString("name", m.getString("id"))));
            }
            return accounts;
        }
    };

    /** Puts the access token on a call: a bearer token unless the provider says otherwise. */
    void authenticate(HttpRequest<Buffer> request, OAuth2Settings p, String accessToken) {
        request.bearerTokenAuthentication(accessToken);
    }

    /** The answer's payload, or its classified failure: standard OAuth 2.0 errors unless the provider says otherwise. */
    JsonObject unwrap(OAuth2Settings p, int status, JsonObject body, String retryAfter) {
        if (status == 200 && body != null) {
            return body;
        }
        throw new ProviderFailure.Exception(OAuth2Errors.classify(p.displayName(), status, body, retryAfter));
    }

    /** Token requests as JSON instead of a form. */
    boolean jsonTokenRequests() {
        return false;
    }

    /** The authorization code's field in the token request. */
    String codeField() {
        return "code";
    }

    /** The token in a credential grant's answer. */
    String loginToken(JsonObject body) {
        return body.getString("access_token");
    }

    /** Who the grant belongs to (providers reached by a consent screen). */
    Granted.Identity identity(JsonObject body) {
        throw new UnsupportedOperationException(name() + " grants have no identity call");
    }

    abstract List<Granted.AdAccount> adAccounts(JsonObject body, String displayName);
}
