package ai.wevion.token.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KeysetManager;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Pure logic: tokens at rest survive a key rotation and are bound to their row. */
class TokenCipherTest {

    @Test
    void aRotatedKeysetStillDecryptsOldTokensAndEncryptsNewOnesUnderTheNewKey() throws Exception {
        AeadConfig.register();
        KeysetHandle before = KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM"));
        KeysetManager rotating = KeysetManager.withKeysetHandle(before).add(KeyTemplates.get("AES256_GCM"));
        int newKey = rotating.getKeysetHandle().getKeysetInfo().getKeyInfo(1).getKeyId();
        KeysetHandle after = rotating.setPrimary(newKey).getKeysetHandle();
        TokenCipher old = new TokenCipher(json(before));
        TokenCipher rotated = new TokenCipher(json(after));

        String storedBefore = old.encrypt("EAAGsecret-token", "row-1");
        String storedAfter = rotated.encrypt("EAAGsecret-token", "row-1");

        assertThat(rotated.decrypt(storedBefore, "row-1")).isEqualTo("EAAGsecret-token");
        assertThat(keyId(storedAfter)).isNotEqualTo(keyId(storedBefore)); // the key id travels in the ciphertext
        assertThatThrownBy(() -> old.decrypt(storedAfter, "row-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCiphertextCopiedToAnotherRowDoesNotDecrypt() throws Exception {
        AeadConfig.register();
        TokenCipher cipher = new TokenCipher(json(KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM"))));
        String stored = cipher.encrypt("EAAGsecret-token", "row-1");

        assertThat(stored).doesNotContain("secret");
        assertThatThrownBy(() -> cipher.decrypt(stored, "row-2")).isInstanceOf(IllegalStateException.class);
    }

    private static String json(KeysetHandle keyset) throws Exception {
        return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }

    private static String keyId(String stored) {
        byte[] bytes = Base64.getDecoder().decode(stored);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, 0, 5));
    }
}
