package ai.wevion.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images' AOT cache is recorded by a training start in deploy/Dockerfile.jvm: the service
 * started with that step's placeholders alone, and no database or broker to reach, until it
 * listens (docs/performance.md, The images' class cache). Each packaged service comes up that
 * way here, so a service that gains a required setting the step lacks fails in this test, not
 * in an image build; and the placeholders never reach the image's environment (quality bar:
 * manifests an operator can apply; T2: no secret in the image).
 */
class ImageTrainingTest {

    private static final Path DOCKERFILE = Path.of("../deploy/Dockerfile.jvm");
    private static final String TRAINING_FOLDER = "/tmp/aot-training";

    @TempDir
    Path training;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"auth-service", "token-service", "connector-service", "notification-service"})
    void eachServiceStartsOnTheImageTrainingStepsPlaceholdersWithNoDatabaseOrBroker(String service) throws Exception {
        File jar = new File("../" + service + "/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("packaged by ./mvnw verify before the system tests").isFile();
        Path log = training.resolve(service + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-Dquarkus.http.port=0",
                "-jar", jar.getAbsolutePath()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear(); // nothing from this machine: the image build has only the step's placeholders
        env.put("PATH", path);
        trainingSettings().forEach((name, value) -> env.put(name, value.replace(TRAINING_FOLDER, training.toString())));

        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    !process.isAlive() || Files.readString(log).contains("Listening on"));
            assertThat(Files.readString(log)).as("%s listens on the training step's placeholders", service).contains("Listening on");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    void theTrainingPlaceholdersExistOnlyInTheTrainingStepNotInTheImagesEnvironment() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
        List<String> envLines = dockerfile.lines().filter(line -> line.startsWith("ENV ")).toList();
        assertThat(trainingSettings()).isNotEmpty().allSatisfy((name, value) -> assertThat(envLines).noneMatch(line -> line.contains(name)));
    }

    /** The NAME=value settings of the Dockerfile's training step (its RUN, lines joined as Docker joins them). */
    private static Map<String, String> trainingSettings() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8).replace("\\\n", "");
        String step = dockerfile.lines().filter(line -> line.startsWith("RUN set -eu; training=")).findFirst()
                .orElseThrow(() -> new AssertionError("deploy/Dockerfile.jvm has no training step"));
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher setting = Pattern.compile("\\b([A-Z][A-Z0-9_]+)=(\\S+)").matcher(step);
        while (setting.find()) {
            settings.put(setting.group(1), setting.group(2));
        }
        return settings;
    }
}
