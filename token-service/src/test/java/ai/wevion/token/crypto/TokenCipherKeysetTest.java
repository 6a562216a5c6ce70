package ai.wevion.token.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wevion.token.ConfigStub;
import ai.wevion.token.config.TokenConfig;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyset file behind the tokens at rest (T2): generated only where allowed, owner-only, and the same key on every start. */
class TokenCipherKeysetTest {

    @TempDir
    Path dir;

    @Test
    void aMissingKeysetIsGeneratedOwnerOnlyAndReusedOnTheNextStart_T2() throws Exception {
        Path file = dir.resolve("keys/token-keyset.json");
        TokenCipher first = new TokenCipher(config(file, true));
        String stored = first.encrypt("EAAGsecret-token", "row-1");

        TokenCipher afterRestart = new TokenCipher(config(file, true));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("AesGcmKey");
        assertThat(afterRestart.decrypt(stored, "row-1")).isEqualTo("EAAGsecret-token");
    }

    @Test
    void withoutLeaveToGenerateAMissingKeysetStopsTheService_T2() {
        Path file = dir.resolve("absent.json");

        assertThatThrownBy(() -> new TokenCipher(config(file, false))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString());
        assertThat(file).doesNotExist();
    }

    @Test
    void aKeysetThatIsNotTinksStopsTheService_T2() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"primaryKeyId\": 1, \"key\": []}");

        assertThatThrownBy(() -> new TokenCipher(config(file, false))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the token keyset is not valid");
    }

    private static TokenConfig config(Path file, boolean generateMissing) {
        TokenConfig.Encryption encryption = ConfigStub.of(TokenConfig.Encryption.class,
                Map.of("keysetFile", file.toString(), "generateMissingKeyset", generateMissing));
        return ConfigStub.of(TokenConfig.class, Map.of("encryption", encryption));
    }
}
