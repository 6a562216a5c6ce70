package ai.wevion.token.provider;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** How a provider's identity and ad-account answers are shaped: the odd part of an otherwise standard OAuth 2.0 provider. */
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
    };

    abstract Granted.Identity identity(JsonObject body);

    abstract List<Granted.AdAccount> adAccounts(JsonObject body, String displayName);
}
