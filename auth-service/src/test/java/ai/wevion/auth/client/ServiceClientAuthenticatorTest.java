package ai.wevion.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.auth.TestAuthConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may ask for a service JWT (client-credentials grant): only a registered client with its own secret. */
class ServiceClientAuthenticatorTest {

    private final ServiceClientAuthenticator clients = new ServiceClientAuthenticator(TestAuthConfig.defaults()
            .withServiceClients(Map.of("connector-service", "local-connector-service-secret", "sync-worker", "worker-secret")));

    @Test
    void aRegisteredClientWithItsSecretIsAccepted() {
        assertThat(clients.isValid("connector-service", "local-connector-service-secret")).isTrue();
        assertThat(clients.isValid("sync-worker", "worker-secret")).isTrue();
    }

    @Test
    void anotherClientsSecretAWrongSecretOrAnUnknownClientIsRefused() {
        assertThat(clients.isValid("connector-service", "worker-secret")).isFalse();
        assertThat(clients.isValid("connector-service", "local-connector-service-secreT")).isFalse();
        assertThat(clients.isValid("connector-service", "local-connector-service-secret ")).isFalse();
        assertThat(clients.isValid("rules-engine", "worker-secret")).isFalse();
    }

    @Test
    void missingCredentialsAreRefused() {
        assertThat(clients.isValid(null, "worker-secret")).isFalse();
        assertThat(clients.isValid("sync-worker", null)).isFalse();
        assertThat(clients.isValid("sync-worker", "")).isFalse();
    }

    @Test
    void whileASecretRotatesTheOldAndTheNewOneBothWork() {
        ServiceClientAuthenticator rotating = new ServiceClientAuthenticator(new TestAuthConfig(TestAuthConfig.defaults().jwt(),
                TestAuthConfig.defaults().session(), TestAuthConfig.defaults().login(),
                Map.of("sync-worker", new TestAuthConfig.ServiceClient(
                        java.util.List.of(TestAuthConfig.sha256("old-secret"), TestAuthConfig.sha256("new-secret")),
                        java.util.List.of("credentials:read"), java.util.List.of("token-service"))),
                TestAuthConfig.defaults().invitations()));
        assertThat(rotating.isValid("sync-worker", "old-secret")).isTrue();
        assertThat(rotating.isValid("sync-worker", "new-secret")).isTrue();
        assertThat(rotating.isValid("sync-worker", "third-secret")).isFalse();
    }
}
