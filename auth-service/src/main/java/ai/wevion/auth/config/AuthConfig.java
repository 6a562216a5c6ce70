package ai.wevion.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    Jwt jwt();

    Session session();

    Login login();

    Invitations invitations();

    Tracing tracing();

    /** Which requests start a trace (TraceSampling, docs/operations.md, Traces). */
    interface Tracing {
        /** Share of the session refreshes that arrive with no trace of their own that are traced: every open tab asks hourly, so 0.1 is plenty to see their shape. */
        @WithDefault("0.1")
        double refreshSampleRatio();
    }

    /** One-time links that let someone join a workspace (teams). */
    interface Invitations {
        /** The console's origin: a link is {@code <console>/invite#token=…} (the token never reaches a server log). */
        @WithDefault("http://127.0.0.1:8080")
        String consoleUrl();

        @WithDefault("P7D")
        Duration lifetime();
    }

    /** Registered service clients (client-credentials grant), by client id. */
    Map<String, ServiceClient> serviceClients();

    interface Jwt {
        /** The {@code iss} of every JWT this service signs. */
        @WithDefault("https://auth.wevion.ai")
        String issuer();

        @WithDefault("PT1H")
        Duration lifetime();

        /** A JWK set with private keys; every key is published in the JWKS. */
        String keysFile();

        /** The key that signs; the last key of the file when absent. */
        Optional<String> activeKeyId();

        /** Create a key file when there is none (local run and tests only). */
        @WithDefault("false")
        boolean generateMissingKeys();
    }

    interface Session {
        @WithDefault("P7D")
        Duration lifetime();

        /** A session older than this slides to a full lifetime again on refresh (A2). */
        @WithDefault("PT24H")
        Duration slideAfter();

        /** How long a rotated-out cookie secret still works (parallel tabs). */
        @WithDefault("PT30S")
        Duration rotationGrace();

        /** An impersonation session never slides and ends after this. */
        @WithDefault("PT1H")
        Duration impersonationLifetime();

        @WithDefault("/api/v1/auth")
        String cookiePath();

        /** Live sessions a replica keeps in memory so that a refresh needs no database round trip (~300 bytes each). */
        @WithDefault("100000")
        int cachedSessions();
    }

    interface Login {
        /** bcrypt cost for new password hashes. */
        @WithDefault("12")
        int bcryptCost();

        /** Failures allowed before each further attempt must wait. */
        @WithDefault("5")
        int freeFailures();

        /** The first wait; it doubles with every further failure. */
        @WithDefault("PT2S")
        Duration firstBackoff();

        @WithDefault("PT15M")
        Duration maxBackoff();

        /** Failed logins from one address, whatever the accounts, before each further one must wait (password spraying). */
        @WithDefault("20")
        int freeFailuresPerAddress();

        /** Signups from one address in an hour before each further one must wait (probing which addresses are registered). */
        @WithDefault("20")
        int freeSignupsPerAddress();

        /**
         * The proxies whose {@code X-Forwarded-For} is believed (addresses or
         * CIDR ranges): the local gateway, in a cluster the Ingress controller's pods.
         */
        @WithDefault("127.0.0.1,::1")
        List<String> trustedProxies();
    }

    interface ServiceClient {
        /** SHA-256 (hex) of each secret valid now: one, or two while the secret rotates. */
        List<String> secretSha256();

        /** What its JWTs may do (claim {@code scope}): docs/contracts/service-clients.json. */
        List<String> scopes();

        /** The services its JWTs may call (claim {@code aud}). */
        List<String> audiences();
    }
}
