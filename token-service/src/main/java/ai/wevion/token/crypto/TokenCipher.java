package ai.wevion.token.crypto;

import ai.wevion.token.config.TokenConfig;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Encrypts tokens at rest with Google Tink AES-256-GCM. Every ciphertext starts
 * with the id of the key that made it, so the keyset can rotate online: add a
 * key, make it primary, and old ciphertexts still decrypt (each refresh writes
 * the token again under the new key). The row's id is the associated data, so a
 * ciphertext copied to another row does not decrypt.
 */
@Singleton
public class TokenCipher {

    private static final Logger LOG = Logger.getLogger(TokenCipher.class);

    private final Aead aead;

    @Inject
    public TokenCipher(TokenConfig config) {
        this(readKeyset(Path.of(config.encryption().keysetFile()), config.encryption().generateMissingKeyset()));
    }

    TokenCipher(String keysetJson) {
        try {
            AeadConfig.register();
            KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the token keyset is not valid", e);
        }
    }

    private static String readKeyset(Path file, boolean generateMissing) {
        try {
            if (!Files.exists(file) && generateMissing) {
                AeadConfig.register();
                generate(file);
            }
            return Files.readString(file);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a token keyset", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token keyset " + file, e);
        }
    }

    public String encrypt(String token, String boundTo) {
        try {
            byte[] ciphertext = aead.encrypt(token.getBytes(StandardCharsets.UTF_8), boundTo.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token encryption failed", e);
        }
    }

    public String decrypt(String stored, String boundTo) {
        try {
            byte[] plaintext = aead.decrypt(Base64.getDecoder().decode(stored), boundTo.getBytes(StandardCharsets.UTF_8));
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token decryption failed (wrong key or row)", e);
        }
    }

    private static void generate(Path file) throws GeneralSecurityException, IOException {
        KeysetHandle keyset = KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM"));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        LOG.warnf("generated a new token keyset in %s (local use only)", file);
    }
}
