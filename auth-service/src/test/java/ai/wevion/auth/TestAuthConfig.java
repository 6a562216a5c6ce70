package ai.wevion.auth;

import ai.wevion.auth.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AuthConfig} without Quarkus, for plain unit tests: records whose
 * components are the config's methods, with application.properties' defaults.
 */
public record TestAuthConfig(Jwt jwt, Session session, Login login, Map<String, AuthConfig.ServiceClient> serviceClients,
        Invitations invitations) implements AuthConfig {

    public record Invitations(String consoleUrl, Duration lifetime) implements AuthConfig.Invitations {
    }

    public record Jwt(String issuer, Duration lifetime, String keysFile, Optional<String> activeKeyId, boolean generateMissingKeys)
            implements AuthConfig.Jwt {
    }

    public record Session(Duration lifetime, Duration slideAfter, Duration rotationGrace, Duration impersonationLifetime,
            String cookiePath, int cachedSessions) implements AuthConfig.Session {
    }

    public record Login(int bcryptCost, int freeFailures, Duration firstBackoff, Duration maxBackoff, int freeFailuresPerAddress,
            int freeSignupsPerAddress, List<String> trustedProxies) implements AuthConfig.Login {
    }

    public record ServiceClient(List<String> secretSha256, List<String> scopes, List<String> audiences)
            implements AuthConfig.ServiceClient {
    }

    /** The defaults, bcrypt at its cheapest cost (4) so that a test hashes in milliseconds. */
    public static TestAuthConfig defaults() {
        return new TestAuthConfig(
                new Jwt("https://auth.wevion.ai", Duration.ofHours(1), "src/test/resources/jwt-keys.json", Optional.empty(), false),
                new Session(Duration.ofDays(7), Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofHours(1), "/api/v1/auth", 100_000),
                new Login(4, 5, Duration.ofSeconds(2), Duration.ofMinutes(15), 20, 20, List.of("127.0.0.1", "::1")),
                Map.of(), new Invitations("http://127.0.0.1:8080", Duration.ofDays(7)));
    }

    /** Unit tests start no tracing; the default ratio. */
    @Override
    public AuthConfig.Tracing tracing() {
        return () -> 0.1;
    }

    public TestAuthConfig withJwt(Jwt other) {
        return new TestAuthConfig(other, session, login, serviceClients, invitations);
    }

    public TestAuthConfig withServiceClients(Map<String, String> secrets) {
        Map<String, AuthConfig.ServiceClient> clients = new java.util.HashMap<>();
        secrets.forEach((id, secret) -> clients.put(id, new ServiceClient(List.of(sha256(secret)), List.of(),
                List.of())));
        return new TestAuthConfig(jwt, session, login, Map.copyOf(clients), invitations);
    }

    /** SHA-256 (hex) of each secret, as the configuration holds a client's secrets. */
    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
