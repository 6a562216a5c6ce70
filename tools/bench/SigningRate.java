import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * The ceiling for POST /api/v1/auth/token: how many session JWTs one thread
 * signs per second with the same jose4j calls and claims auth-service's
 * AccessTokenIssuer uses. Run with auth-service's runtime classpath
 * (bench/auth-token.sh does).
 */
public class SigningRate {
    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey key = generator.generateKeyPair().getPrivate();
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        // warm-up: 20 s, so that the rate is the compiled code's. After 2 s, JDK 17 read 12 % and
        // Temurin 25 4 % below their rate after 10 s; after 20 s JDK 17 read 6-17 % more again
        sign(key, System.nanoTime() + 20_000_000_000L);
        long start = System.nanoTime();
        long count = sign(key, start + seconds * 1_000_000_000L);
        double rate = count / ((System.nanoTime() - start) / 1e9);
        System.out.printf("%.0f%n", rate);
    }

    private static long sign(PrivateKey key, long until) throws Exception {
        long n = 0;
        while (System.nanoTime() < until) {
            long now = System.currentTimeMillis() / 1000;
            JwtClaims claims = new JwtClaims();
            claims.setIssuer("https://auth.wevion.ai");
            claims.setSubject(UUID.randomUUID().toString());
            claims.setStringListClaim("groups", "member");
            claims.setJwtId(UUID.randomUUID().toString());
            claims.setIssuedAt(NumericDate.fromSeconds(now));
            claims.setExpirationTime(NumericDate.fromSeconds(now + 3600));
            claims.setAudience("wevion-session");
            claims.setClaim("ws", "w");
            claims.setClaim("sid", "s");
            JsonWebSignature jws = new JsonWebSignature();
            jws.setHeader("typ", "JWT");
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setKeyIdHeaderValue("bench");
            jws.setKey(key);
            jws.setPayload(claims.toJson());
            jws.getCompactSerialization();
            n++;
        }
        return n;
    }
}
