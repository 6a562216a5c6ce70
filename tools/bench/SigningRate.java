import ai.wevion.auth.jwt.AccessTokenIssuer;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The ceiling for POST /api/v1/auth/token: how many session JWTs one thread
 * signs per second with auth-service's own AccessTokenIssuer (its claims, its
 * ES256 signing), nothing else. Run with auth-service's application and
 * runtime classpath (bench/auth-token.sh does).
 */
public class SigningRate {
    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        AccessTokenIssuer issuer = new AccessTokenIssuer("bench", generator.generateKeyPair().getPrivate(), Clock.systemUTC(),
                "https://auth.wevion.ai", Duration.ofHours(1));
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        // warm-up: 20 s, so that the rate is the compiled code's. After 2 s, JDK 17 read 12 % and
        // Temurin 25 4 % below their rate after 10 s; after 20 s JDK 17 read 6-17 % more again
        sign(issuer, System.nanoTime() + 20_000_000_000L);
        long start = System.nanoTime();
        long count = sign(issuer, start + seconds * 1_000_000_000L);
        double rate = count / ((System.nanoTime() - start) / 1e9);
        System.out.printf("%.0f%n", rate);
    }

    private static long sign(AccessTokenIssuer issuer, long until) {
        long n = 0;
        String user = UUID.randomUUID().toString(), workspace = UUID.randomUUID().toString(), session = UUID.randomUUID().toString();
        while (System.nanoTime() < until) {
            issuer.forSession(user, workspace, "member", session, null);
            n++;
        }
        return n;
    }
}
