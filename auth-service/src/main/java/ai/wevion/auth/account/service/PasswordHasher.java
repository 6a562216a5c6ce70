package ai.wevion.auth.account.service;

import ai.wevion.auth.config.AuthConfig;
import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt (at.favre.lib) off the event loop. bcrypt reads 72 bytes at most: a
 * longer password (40 accented characters are enough) is first hashed with
 * SHA-512 by the library's own long-password strategy, so every length works. Checking a password against an
 * unknown user costs the same as against a real one, so timing tells nothing.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final LongPasswordStrategy LONG = LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A);

    private final Vertx vertx;
    private final int cost;
    private final String decoy;

    public PasswordHasher(Vertx vertx, AuthConfig config) {
        this.vertx = vertx;
        this.cost = config.login().bcryptCost();
        this.decoy = hashNow("decoy password for unknown users");
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hashNow(password)));
    }

    /** True when {@code hash} is non-null and matches; a null hash is checked against a decoy. */
    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            boolean verified = BCrypt.verifyer(BCrypt.Version.VERSION_2A, LONG)
                    .verify(password.getBytes(StandardCharsets.UTF_8), (hash != null ? hash : decoy).getBytes(StandardCharsets.UTF_8))
                    .verified;
            return verified && hash != null;
        }));
    }

    private String hashNow(String password) {
        return BCrypt.with(LONG).hashToString(cost, password.toCharArray());
    }
}
