package ai.wevion.token.provider.oauth2;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** One standard OAuth 2.0 provider of the catalog ({@code token.providers.<platform>.*}, docs/providers.md). */
public interface OAuth2Settings {
    /** What people see ("Google Ads"). */
    String displayName();

    /** How tokens are obtained; the consent screen's settings below apply to AUTHORIZATION_CODE only. */
    @WithDefault("authorization-code")
    Grant grant();

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
    GrantFormat format();

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
