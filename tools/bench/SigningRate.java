import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;
import java.util.UUID;

/**
 * The ceiling for POST /api/v1/auth/token: how many session JWTs one thread
 * signs per second with the same smallrye-jwt call and claims auth-service uses.
 * Run with auth-service's runtime classpath (bench/auth-token.sh does).
 */
public class SigningRate {
    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey key = generator.generateKeyPair().getPrivate();
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        sign(key, System.nanoTime() + 2_000_000_000L); // warm-up
        long start = System.nanoTime();
        long count = sign(key, start + seconds * 1_000_000_000L);
        double rate = count / ((System.nanoTime() - start) / 1e9);
        System.out.printf("%.0f%n", rate);
    }

    private static long sign(PrivateKey key, long until) {
        long n = 0;
        while (System.nanoTime() < until) {
            long now = System.currentTimeMillis() / 1000;
            Jwt.issuer("https://auth.wevion.ai").subject(UUID.randomUUID().toString()).groups(Set.of("member"))
                    .claim("ws", "w").claim("sid", "s").claim("jti", UUID.randomUUID().toString())
                    .issuedAt(now).expiresAt(now + 3600)
                    .jws().keyId("bench").algorithm(SignatureAlgorithm.ES256).sign(key);
            n++;
        }
        return n;
    }
}
