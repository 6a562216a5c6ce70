package ai.wevion.auth.jwt;

import ai.wevion.auth.config.AuthConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.LocalDate;
import java.util.List;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The ES256 keys, read from a JWK set (a Kubernetes Secret in production).
 * Every key in the file is published in the JWKS; one signs. Rotation without
 * downtime: add the new key, wait until every verifier has fetched the JWKS,
 * make it active, and remove the old key once its last JWT has expired (1 h).
 */
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final List<EllipticCurveJsonWebKey> keys;
    private final EllipticCurveJsonWebKey active;
    private final String publicJwks;

    public SigningKeys(AuthConfig config) {
        Path file = Path.of(config.jwt().keysFile());
        if (!Files.exists(file) && config.jwt().generateMissingKeys()) {
            generate(file);
        }
        this.keys = read(file);
        String activeId = config.jwt().activeKeyId().orElse(keys.get(keys.size() - 1).getKeyId());
        this.active = keys.stream().filter(k -> activeId.equals(k.getKeyId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("active signing key " + activeId + " is not in " + file));
        this.publicJwks = new JsonWebKeySet(keys.stream().map(JsonWebKey.class::cast).toList())
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        LOG.infof("signing with key %s; %d key(s) published", activeId, keys.size());
    }

    public String activeKeyId() {
        return active.getKeyId();
    }

    public PrivateKey activePrivateKey() {
        return active.getPrivateKey();
    }

    /** The JWKS document: public parts only. */
    public String publicJwks() {
        return publicJwks;
    }

    private static List<EllipticCurveJsonWebKey> read(Path file) {
        try {
            List<EllipticCurveJsonWebKey> keys = new JsonWebKeySet(Files.readString(file)).getJsonWebKeys().stream()
                    .map(k -> {
                        if (!(k instanceof EllipticCurveJsonWebKey ec) || ec.getPrivateKey() == null || k.getKeyId() == null
                                || !EllipticCurves.P_256.equals(ec.getCurveName())) {
                            throw new IllegalStateException("every key in " + file + " must be a P-256 private key with a kid");
                        }
                        return ec;
                    })
                    .toList();
            if (keys.isEmpty()) {
                throw new IllegalStateException("no signing keys in " + file);
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keys from " + file, e);
        } catch (JoseException e) {
            throw new IllegalStateException("signing keys in " + file + " are not a JWK set", e);
        }
    }

    private static void generate(Path file) {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId("es256-" + LocalDate.now());
            key.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            key.setUse("sig");
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            LOG.warnf("generated a new signing key in %s (local use only)", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write signing keys to " + file, e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
