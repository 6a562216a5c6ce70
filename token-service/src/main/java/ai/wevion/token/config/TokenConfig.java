package ai.wevion.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "token")
public interface TokenConfig {

    Encryption encryption();

    State state();

    /** Where the browser goes after the OAuth callback when it did not ask for JSON. */
    String frontendUrl();

    ai.wevion.token.provider.meta.MetaSettings meta();

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
    java.util.Map<String, ai.wevion.token.provider.oauth2.OAuth2Settings> providers();

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

        /**
         * How long a claim protects a token from other replicas; unset: sized
         * per provider from its request timeout and call rate (ClaimLease).
         */
        Optional<Duration> claimLease();

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
