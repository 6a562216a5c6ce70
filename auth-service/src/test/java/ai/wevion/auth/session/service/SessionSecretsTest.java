package ai.wevion.auth.session.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The session cookie's secret (A1): 256 random bits, and only its SHA-256 is stored, so a database leak logs nobody in. */
class SessionSecretsTest {

    @Test
    void aSecretIs256RandomBitsSafeInACookie_A1() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(SessionSecrets.newSecret());
        }

        assertThat(secrets).hasSize(1000).allSatisfy(s -> assertThat(s).matches("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void onlyTheSecretsSha256IsStored_A1() {
        assertThat(SessionSecrets.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

        String secret = SessionSecrets.newSecret();
        assertThat(SessionSecrets.hash(secret)).matches("[0-9a-f]{64}").isEqualTo(SessionSecrets.hash(secret)).doesNotContain(secret);
    }
}
