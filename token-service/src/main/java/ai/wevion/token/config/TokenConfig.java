package ai.wevion.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "token")
public interface TokenConfig {

    Encryption encryption();

    State state();

    /** Where the browser goes after the OAuth callback when it did not ask for JSON. */
    String frontendUrl();

    Meta meta();

    Refresh refresh();

    Stripe stripe();

    interface Stripe {
        /** Signs the {@code account.application.deauthorized} webhook ({@code Stripe-Signature}). */
        String webhookSecret();

        /** A signature older than this is refused (replay protection, as Stripe's libraries do). */
        @WithDefault("PT5M")
        Duration signatureTolerance();
    }

    /**
     * The provider catalog for standard OAuth 2.0 providers (docs/providers.md):
     * one entry per platform id, so that adding such a provider is
     * configuration; an odd provider adds one small class besides.
     */
    java.util.Map<String, OAuthProvider> providers();

    interface OAuthProvider {
        /** What people see ("Google Ads"). */
        String displayName();

        /** How tokens are obtained; the consent screen's settings below apply to AUTHORIZATION_CODE only. */
        @WithDefault("authorization-code")
        ai.wevion.token.provider.Grant grant();

        java.util.Optional<String> authorizeUrl();

        /** Where the refresh_token grant goes, when not the token URL (TikTok creators). */
        java.util.Optional<String> refreshUrl();

        /** Extra authorize parameters, e.g. {@code access_type=offline&prompt=consent} for a refresh token. */
        java.util.Optional<String> authorizeParams();

        String tokenUrl();

        /** The app's client id and secret (consent-screen providers; credential providers use the customer's own). */
        java.util.Optional<String> clientId();

        java.util.Optional<String> clientSecret();

        /** Space-separated. */
        java.util.Optional<String> scopes();

        /** Proof Key for Code Exchange (S256). */
        @WithDefault("false")
        boolean pkce();

        java.util.Optional<String> redirectUri();

        /** Who the grant belongs to (consent-screen providers). */
        java.util.Optional<String> identityUrl();

        /** How long an access token lives when the provider's answer does not say (Outbrain: 30 days). */
        java.util.Optional<Duration> accessLifetime();

        /** How the identity and ad-account answers are shaped. */
        ai.wevion.token.provider.GrantFormat format();

        /** The ad accounts the grant covers; none for integrations. */
        java.util.Optional<String> accountsUrl();

        /** Integrations (Stripe, Google Drive): connect and re-authorize need admin or owner (T8). */
        @WithDefault("false")
        boolean adminOnly();

        /** Access tokens are refreshed this long before they expire. */
        @WithDefault("PT10M")
        Duration refreshBuffer();

        @WithDefault("PT10S")
        Duration requestTimeout();

        @WithDefault("50")
        int maxCallsPerSecond();
    }

    interface Encryption {
        /** A Tink keyset (JSON); its primary key encrypts, every key decrypts. */
        String keysetFile();

        /** Create a keyset when there is none (local run and tests only). */
        @WithDefault("false")
        boolean generateMissingKeyset();
    }

    interface State {
        /** HMAC key that signs every OAuth state. */
        String secret();

        @WithDefault("PT10M")
        Duration ttl();

        /** Whether the browser-binding cookie is Secure (HTTPS only; browsers also keep it on http://localhost). */
        @WithDefault("true")
        boolean secureCookie();
    }

    interface Meta {
        /** Base of the OAuth dialog (www.facebook.com in production). */
        String dialogUrl();

        /** Base of the Graph API (graph.facebook.com in production). */
        String graphUrl();

        @WithDefault("v21.0")
        String apiVersion();

        String appId();

        String appSecret();

        String redirectUri();

        @WithDefault("ads_read,ads_management,business_management")
        String scopes();

        @WithDefault("PT10S")
        Duration requestTimeout();

        /** Calls per second to Meta's token endpoint, over all refreshes of this replica. */
        @WithDefault("500")
        int maxCallsPerSecond();
    }

    interface Refresh {
        /** How often the sweep runs (T3); "off" disables it. Read by RefreshJob's schedule. */
        @WithDefault("12h")
        String every();

        /** How often short-lived OAuth 2.0 access tokens due within their buffer are refreshed; "off" disables it. */
        @WithDefault("1m")
        String oauthEvery();

        /** How often deferred tokens whose retry time has come are tried again; "off" disables it. */
        @WithDefault("1m")
        String retryEvery();

        /** Tokens expiring within this window are refreshed (T3). */
        @WithDefault("P7D")
        Duration window();

        /** How many tokens one claim takes. */
        @WithDefault("200")
        int batchSize();

        /** Refreshes in flight at once per replica. */
        @WithDefault("64")
        int concurrency();

        /** How long a claim protects a token from other replicas. */
        @WithDefault("PT5M")
        Duration claimLease();

        /** First wait after a rate limit or a provider failure; doubles per attempt. */
        @WithDefault("PT1M")
        Duration firstRetry();

        @WithDefault("PT6H")
        Duration maxRetry();

        /** TOKEN_EXPIRING once when a provider-forced end (Meta's data access, a grant's own end) is this close (N2: the 7–14 day window). */
        @WithDefault("P14D")
        Duration reauthorizationWarning();

        /** TOKEN_EXPIRING once when a deferred token has less than this left (N2). */
        @WithDefault("P3D")
        Duration warning();
    }
}
