package ai.wevion.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wevion.auth.TestAuthConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ES256 keys behind every session JWT (A1): rotation without downtime means
 * every key is published, one signs, and only public parts ever leave.
 */
class SigningKeysTest {

    static final String TEST_KEYS = "src/test/resources/jwt-keys.json"; // test-2026-10, test-2026-11

    @TempDir
    Path dir;

    @Test
    void theLastKeyOfTheFileSignsUnlessOneIsNamed_A1() {
        assertThat(keys(TEST_KEYS, null).activeKeyId()).isEqualTo("test-2026-11");
        assertThat(keys(TEST_KEYS, "test-2026-10").activeKeyId()).isEqualTo("test-2026-10");
        assertThat(keys(TEST_KEYS, "test-2026-10").activePrivateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void theJwksPublishesEveryKeyAndNoPrivatePart_A1() throws Exception {
        JsonWebKeySet published = new JsonWebKeySet(keys(TEST_KEYS, "test-2026-10").publicJwks());

        assertThat(published.getJsonWebKeys()).extracting(JsonWebKey::getKeyId).containsExactly("test-2026-10", "test-2026-11");
        assertThat(published.getJsonWebKeys()).allSatisfy(k -> assertThat(((EllipticCurveJsonWebKey) k).getPrivateKey()).isNull());
        assertThat(keys(TEST_KEYS, null).publicJwks()).doesNotContain("\"d\"");
    }

    @Test
    void anActiveKeyThatIsNotInTheFileStopsTheService_A1() {
        assertThatThrownBy(() -> keys(TEST_KEYS, "test-2099-01")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-2099-01");
    }

    @Test
    void aMissingKeyFileIsGeneratedOwnerOnlyWhereAllowed_A1() throws Exception {
        Path file = dir.resolve("keys/jwt-keys.json");
        SigningKeys generated = new SigningKeys(config(file.toString(), null, true));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(generated.activeKeyId()).startsWith("es256-");
        assertThat(new SigningKeys(config(file.toString(), null, true)).activeKeyId()).isEqualTo(generated.activeKeyId()); // kept
    }

    @Test
    void keysThatAreNotP256PrivateKeysWithAKidAreRefused_A1() throws Exception {
        EllipticCurveJsonWebKey p384 = EcJwkGenerator.generateJwk(EllipticCurves.P384);
        p384.setKeyId("p384");
        EllipticCurveJsonWebKey noKid = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        EllipticCurveJsonWebKey publicOnly = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        publicOnly.setKeyId("public-only");
        var hmac = OctJwkGenerator.generateJwk(256);
        hmac.setKeyId("hmac");

        assertThat(refused(new JsonWebKeySet(p384).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE))).isTrue();
        assertThat(refused(new JsonWebKeySet(noKid).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE))).isTrue();
        assertThat(refused(new JsonWebKeySet(publicOnly).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))).isTrue();
        assertThat(refused(new JsonWebKeySet(hmac).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE))).isTrue();
        assertThat(refused("{\"keys\": []}")).isTrue();
    }

    private boolean refused(String jwks) throws Exception {
        Path file = Files.writeString(Files.createTempFile(dir, "keys", ".json"), jwks);
        try {
            new SigningKeys(config(file.toString(), null, false));
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    static SigningKeys keys(String file, String activeKeyId) {
        return new SigningKeys(config(file, activeKeyId, false));
    }

    private static TestAuthConfig config(String file, String activeKeyId, boolean generate) {
        TestAuthConfig defaults = TestAuthConfig.defaults();
        return defaults.withJwt(new TestAuthConfig.Jwt(defaults.jwt().issuer(), defaults.jwt().lifetime(), file,
                Optional.ofNullable(activeKeyId), generate));
    }
}
