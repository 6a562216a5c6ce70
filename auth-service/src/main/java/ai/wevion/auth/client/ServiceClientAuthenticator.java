package ai.wevion.auth.client;

import ai.wevion.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks a registered service client's secret against the SHA-256 of its
 * valid secrets (constant time; no secret is kept, and while one rotates the
 * old and the new both work).
 */
@ApplicationScoped
public class ServiceClientAuthenticator {

    private final AuthConfig config;

    public ServiceClientAuthenticator(AuthConfig config) {
        this.config = config;
    }

    /** The client, when this is its id and one of its secrets. */
    public Optional<AuthConfig.ServiceClient> authenticate(String clientId, String secret) {
        if (clientId == null || secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        AuthConfig.ServiceClient client = config.serviceClients().get(clientId);
        if (client == null) {
            return Optional.empty();
        }
        byte[] presented = sha256(secret);
        boolean valid = false;
        for (String hash : client.secretSha256()) {
            valid |= MessageDigest.isEqual(presented, HexFormat.of().parseHex(hash.trim().toLowerCase()));
        }
        return valid ? Optional.of(client) : Optional.empty();
    }

    public boolean isValid(String clientId, String secret) {
        return authenticate(clientId, secret).isPresent();
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
