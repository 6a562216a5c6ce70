package ai.wevion.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.http.ContentType;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the real provider simulator (provider-sim's packaged app, built earlier
 * in the same Maven run) as a process on port 18089 for a service's tests, and
 * drives its control API. Provides {@code wevion.provider-sim.url}.
 */
public class ProviderSimulator implements QuarkusTestResourceLifecycleManager {

    public static final int PORT = 18089;
    public static final String URL = "http://127.0.0.1:" + PORT;
    private static final File JAR = Repo.path("tools/provider-sim/target/quarkus-app/quarkus-run.jar").toFile();

    private Process process;

    @Override
    public Map<String, String> start() {
        if (!ready()) {
            if (!JAR.isFile()) {
                throw new IllegalStateException(JAR + " is missing: run the tests with ./mvnw verify (scripts/test.sh), "
                        + "which packages provider-sim first");
            }
            try {
                process = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-Dquarkus.http.port=" + PORT,
                        "-Dquarkus.log.level=WARN", "-jar", JAR.getAbsolutePath())
                        .redirectErrorStream(true)
                        .redirectOutput(new File("target/provider-sim.log"))
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .failFast("provider simulator exited; see target/provider-sim.log", () -> !process.isAlive())
                    .until(ProviderSimulator::ready);
        }
        return Map.of("wevion.provider-sim.url", URL);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** A simulated user of this provider; returns its externalUserId. */
    public static String newUser(String provider, Map<String, Object> body) {
        return sim().contentType(ContentType.JSON).body(body).post("/sim/" + provider + "/users")
                .then().statusCode(201).extract().path("externalUserId");
    }

    public static void fail(String provider, String user, Map<String, Object> failure) {
        sim().contentType(ContentType.JSON).body(failure)
                .post("/sim/" + provider + "/users/" + user + "/failure").then().statusCode(204);
    }

    /** The app's client secret is rotated in the provider's console: the old one gets invalid_client from now on. */
    public static void rotateClientSecret(String provider, String secret) {
        sim().contentType(ContentType.JSON).body(Map.of("secret", secret)).post("/sim/" + provider + "/client-secret")
                .then().statusCode(204);
    }

    /** Calls counted for {@code "<provider>:<endpoint>:<user>"}, 0 when none. */
    public static long calls(String provider, String endpoint, String user) {
        Map<String, Number> calls = sim().get("/sim/stats").then().statusCode(200).extract().path("calls");
        Number n = calls.get(provider + ":" + endpoint + ":" + user);
        return n == null ? 0 : n.longValue();
    }

    public static Map<String, Number> allCalls() {
        return sim().get("/sim/stats").then().statusCode(200).extract().path("calls");
    }

    /** Every token string the simulated provider has issued so far (for leak scans). */
    public static List<String> issuedTokens(String provider) {
        return sim().get("/sim/" + provider + "/issued-tokens").then().statusCode(200).extract().path("");
    }

    /** A request to the simulator (RestAssured's global port is the service's). */
    public static io.restassured.specification.RequestSpecification sim() {
        return given().baseUri("http://127.0.0.1").port(PORT);
    }

    private static boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(URL + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(200);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
