package ai.wevion.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No secret has a value of its own outside the dev and test profiles: a
 * packaged service (production profile) that is not given one of its secrets
 * refuses to start and names it, instead of running with a value anyone can
 * read in this repository (T2: secrets stay secret).
 */
class ProductionSecretsTest {

    /** {@code named}: what the failure names, the variable or the setting it feeds. */
    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
        "auth-service, SYNC_WORKER_CLIENT_SECRET_SHA256, SYNC_WORKER_CLIENT_SECRET_SHA256",
        "token-service, OAUTH_STATE_SECRET, OAUTH_STATE_SECRET",
        "token-service, META_APP_SECRET, META_APP_SECRET",
        "token-service, STRIPE_WEBHOOK_SECRET, STRIPE_WEBHOOK_SECRET",
        "notification-service, TELEGRAM_WEBHOOK_SECRET, TELEGRAM_WEBHOOK_SECRET",
        "notification-service, TELEGRAM_BOT_TOKEN, TELEGRAM_BOT_TOKEN",
        "connector-service, DB_PASSWORD, quarkus.datasource.password",
        "connector-service, CONNECTOR_SERVICE_CLIENT_SECRET, CONNECTOR_SERVICE_CLIENT_SECRET"})
    void aPackagedServiceMissingASecretRefusesToStartAndNamesIt_T2(String service, String secret, String named) throws Exception {
        File jar = new File("../" + service + "/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("packaged by ./mvnw verify before the system tests").isFile();
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-Dquarkus.http.port=0",
                "-jar", jar.getAbsolutePath()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        WevionSystem.LOCAL_SECRETS.keySet().forEach(env::remove);
        env.putAll(WevionSystem.LOCAL_SECRETS);
        env.remove(secret);
        env.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "DB_USER", "wevion"));

        Process process = builder.start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = output(process);

        assertThat(exited).as("%s gave up starting without %s:%n%s", service, secret, output).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).as("the failure names the missing setting").contains(named);
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
