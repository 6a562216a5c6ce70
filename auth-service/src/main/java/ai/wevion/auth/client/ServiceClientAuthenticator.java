package ai.wevion.auth.client;

import ai.wevion.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks a registered service client's secret (constant time). */
@ApplicationScoped
public class ServiceClientAuthenticator {

    private final AuthConfig config;

    public ServiceClientAuthenticator(AuthConfig config) {
        this.config = config;
    }

    public boolean isValid(String clientId, String secret) {
        if (clientId == null || secret == null) {
            return false;
        }
        AuthConfig.ServiceClient client = config.serviceClients().get(clientId);
        return client != null && MessageDigest.isEqual(
                client.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }
}
