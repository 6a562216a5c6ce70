package ai.wevion.system;

import static org.awaitility.Awaitility.await;

import ai.wevion.testing.FreshConsumerGroups;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The packaged services and the provider simulator as real processes (the
 * production profile), on the test PostgreSQL and Kafka of scripts/infra.sh:
 * what a newcomer's local run starts, on ports of their own, with databases
 * of their own (system_*), each migrated first in a process of its own as the
 * Deployment's init container does (libs/migrate). Each run gives connector- and notification-service
 * fresh consumer groups that start at the end of each topic, so the events
 * the module tests left there are not replayed; the run starts once every
 * group holds its partitions. Their spans go to this run's {@link TraceCollector}.
 */
final class WevionSystem {

    static final String AUTH = "http://127.0.0.1:19081";
    static final String TOKEN = "http://127.0.0.1:19082";
    static final String CONNECTOR = "http://127.0.0.1:19083";
    static final String NOTIFICATION = "http://127.0.0.1:19084";
    static final String SIM = "http://127.0.0.1:19089";
    /** The gateway (nginx, as in the local run): the console and the public routes on one origin. */
    static final String GATEWAY = "http://127.0.0.1:19080";

    private static final File ROOT = new File("..").getAbsoluteFile();
    private static final List<Process> PROCESSES = new ArrayList<>();
    /** How each service was started, to start it again after a {@link #restart}. */
    private static final Map<String, Runnable> LAUNCHES = new java.util.HashMap<>();
    private static final Map<String, Process> BY_MODULE = new java.util.HashMap<>();
    private static String connectorGroup;
    private static String notificationGroup;
    private static Map<String, String> tokenServiceEnv;
    private static String[] tokenServiceProperties;
    /** A second token-service replica (the fault soak's): same database, same keys, its own port. */
    static final String TOKEN_2 = "http://127.0.0.1:19085";
    /** The local run's dev-only secrets (scripts/local-secrets.env): the packaged services have none of their own. */
    static final Map<String, String> LOCAL_SECRETS = localSecrets();
    private static boolean started;

    private WevionSystem() {
    }

    static synchronized void start() {
        start(List.of(), List.of());
    }

    /**
     * With more settings for token-service (the fault soak's shorter claim lease and retry wait) and
     * notification-service (its shorter grouping window).
     */
    static synchronized void start(List<String> extraTokenServiceProperties, List<String> extraNotificationServiceProperties) {
        if (started) {
            return;
        }
        started = true;
        Runtime.getRuntime().addShutdownHook(new Thread(WevionSystem::stop));
        TraceCollector.start();
        String run = "system-" + UUID.randomUUID();
        connectorGroup = run + "-connector-service";
        notificationGroup = run + "-notification-service";
        launch("tools/provider-sim", 19089, Map.of());
        launch("auth-service", 19081, Map.of("JWT_KEYS_FILE", new File("target/jwt-keys.json").getAbsolutePath(),
                "AUTH_JWT_GENERATE_MISSING_KEYS", "true"), "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:55433/system_auth");
        tokenServiceEnv = Map.of("TOKEN_KEYSET_FILE", new File("target/token-keyset.json").getAbsolutePath(),
                "TOKEN_ENCRYPTION_GENERATE_MISSING_KEYSET", "true", "META_DIALOG_URL", SIM + "/meta", "META_GRAPH_URL", SIM + "/meta",
                "META_REDIRECT_URI", GATEWAY + "/api/v1/connect/meta/callback", "TOKEN_PUBLIC_URL", GATEWAY,
                "GOOGLE_AUTHORIZE_URL", SIM + "/google/o/oauth2/v2/auth", "GOOGLE_TOKEN_URL", SIM + "/google/token",
                "GOOGLE_USERINFO_URL", SIM + "/google/oauth2/v3/userinfo",
                "GOOGLE_ADS_CUSTOMERS_URL", SIM + "/google/ads/v17/customers:listAccessibleCustomers");
        List<String> tokenProperties = new ArrayList<>(List.of("-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:55433/system_token",
                "-Dtoken.refresh.every=off", "-Dtoken.refresh.oauth-every=off", "-Dtoken.frontend-url=" + GATEWAY));
        tokenProperties.addAll(extraTokenServiceProperties);
        tokenServiceProperties = tokenProperties.toArray(String[]::new);
        launch("token-service", 19082, tokenServiceEnv, tokenServiceProperties);
        // each group starts at the end of the topics, committed before its consumers join (not "latest",
        // which a rebalance before the first commit re-applies, skipping what was published in between)
        FreshConsumerGroups.startAtEnd("127.0.0.1:29092", connectorGroup, Set.of("token-status", "sync-results"));
        FreshConsumerGroups.startAtEnd("127.0.0.1:29092", notificationGroup, Set.of("token-status", "sync-results"));
        launch("connector-service", 19083, Map.of("TOKEN_URL", TOKEN), "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:55433/system_connector",
                "-Dconnector.sync.every=off", group("token-status", connectorGroup), group("sync-results", connectorGroup),
                earliest("token-status"), earliest("sync-results"));
        List<String> notificationProperties = new ArrayList<>(List.of(
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:55433/system_notification",
                group("token-status", notificationGroup), group("sync-results", notificationGroup),
                earliest("token-status"), earliest("sync-results")));
        notificationProperties.addAll(extraNotificationServiceProperties);
        launch("notification-service", 19084, Map.of("TELEGRAM_API_URL", SIM + "/telegram",
                "TELEGRAM_WEBHOOK_URL", NOTIFICATION + "/telegram/webhook"), notificationProperties.toArray(String[]::new));
        startGateway();
        for (String url : List.of(SIM, AUTH, TOKEN, CONNECTOR, NOTIFICATION)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .failFast("a service exited; see system-tests/target/*.log", () -> PROCESSES.stream().anyMatch(p -> !p.isAlive()))
                    .until(() -> ready(url));
        }
        awaitAssigned(connectorGroup);
        awaitAssigned(notificationGroup);
    }

    /**
     * Stops connector-service (SIGTERM, as a rolling update does), runs
     * {@code whileStopped}, starts it again as before and waits until it is
     * ready and its consumers hold their partitions again.
     */
    static synchronized void restartConnector(Runnable whileStopped) {
        Process p = BY_MODULE.get("connector-service");
        p.destroy();
        try {
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        PROCESSES.remove(p);
        whileStopped.run();
        LAUNCHES.get("connector-service").run();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .failFast("connector-service exited; see system-tests/target/connector-service.log",
                        () -> !BY_MODULE.get("connector-service").isAlive())
                .until(() -> ready(CONNECTOR));
        awaitAssigned(connectorGroup);
    }

    /** Starts the second token-service replica and waits until it is ready. */
    static synchronized void startSecondTokenService() {
        launchAs("token-service-2", "token-service", 19085, tokenServiceEnv, tokenServiceProperties);
        awaitReady("token-service-2", TOKEN_2);
    }

    /** kill -9 of one process by its name ("token-service", "token-service-2", "connector-service", ...): no shutdown at all. */
    static synchronized void kill(String name) {
        Process p = BY_MODULE.get(name);
        p.destroyForcibly();
        try {
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        PROCESSES.remove(p);
    }

    static synchronized long pid(String name) {
        return BY_MODULE.get(name).pid();
    }

    static synchronized boolean isAlive(String name) {
        return BY_MODULE.get(name).isAlive();
    }

    /** Starts a killed process again as before and waits until it is ready (and a consumer's group holds its partitions). */
    static synchronized void relaunch(String name, String url) {
        LAUNCHES.get(name).run();
        awaitReady(name, url);
        if (name.equals("connector-service")) {
            awaitAssigned(connectorGroup);
        } else if (name.equals("notification-service")) {
            awaitAssigned(notificationGroup);
        }
    }

    private static void awaitReady(String name, String url) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .failFast(name + " exited; see system-tests/target/" + name + ".log", () -> !BY_MODULE.get(name).isAlive())
                .until(() -> ready(url));
    }

    /** SIGTERM for a clean stop, then SIGKILL for any process still there after 15 s: nothing outlives the test run. */
    private static void stop() {
        PROCESSES.forEach(Process::destroy);
        for (Process p : PROCESSES) {
            try {
                if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String group(String channel, String group) {
        return "-Dmp.messaging.incoming." + channel + ".group.id=" + group;
    }

    /** Where the group has no offset yet: the topic was created after {@link FreshConsumerGroups#startAtEnd}, so all of it is this run's. */
    private static String earliest(String channel) {
        return "-Dmp.messaging.incoming." + channel + ".auto.offset.reset=earliest";
    }

    /**
     * Until the group's two members (one consumer per channel: token-status,
     * sync-results) hold every partition of both topics (3 each): a member
     * killed without leaving (kill -9) counts until its session times out
     * (10 s), and holds its partitions until then.
     */
    private static void awaitAssigned(String group) {
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:29092");
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                var d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return d != null && d.members().size() == 2
                        && d.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum() >= 6;
            });
        }
    }

    private static Map<String, String> localSecrets() {
        Map<String, String> secrets = new java.util.TreeMap<>();
        try {
            for (String line : java.nio.file.Files.readAllLines(new File(ROOT, "scripts/local-secrets.env").toPath())) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    secrets.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return secrets;
    }

    private static void launch(String module, int port, Map<String, String> env, String... properties) {
        launchAs(new File(module).getName(), module, port, env, properties);
    }

    /** Starts a module's jar as the process {@code name} (its log: target/{@code name}.log) and remembers how, for a restart. */
    private static void launchAs(String name, String module, int port, Map<String, String> env, String... properties) {
        new File("target/" + name + ".log").delete(); // a restart appends to this run's log
        if (!module.startsWith("tools/")) {
            migrate(name, module, properties);
        }
        LAUNCHES.put(name, () -> start(name, module, port, env, properties));
        LAUNCHES.get(name).run();
    }

    /**
     * Applies a service's migrations and waits for them (the service does not migrate at start): its own
     * jar's {@code ai.wevion.migrate.Migrate}, with the database in {@code properties}, only the database's
     * settings in the environment. Its output: target/{@code name}-migrate.log.
     */
    private static void migrate(String name, String module, String... properties) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", jar(module).getAbsolutePath(), "ai.wevion.migrate.Migrate"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/" + name + "-migrate.log"));
        builder.environment().putAll(Map.of("DB_USER", "wevion", "DB_PASSWORD", LOCAL_SECRETS.get("DB_PASSWORD")));
        try {
            Process process = builder.start();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("the migrations of " + name + " did not apply: see system-tests/target/" + name + "-migrate.log");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static File jar(String module) {
        File jar = new File(ROOT, module + "/target/quarkus-app/quarkus-run.jar");
        if (!jar.isFile()) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw verify (scripts/test.sh), which packages every service first");
        }
        return jar;
    }

    private static void start(String name, String module, int port, Map<String, String> env, String... properties) {
        File jar = jar(module);
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.level=INFO",
                // spans to this run's collector over OTLP/HTTP (the services send a batch every 200 ms, fast
                // enough for a test to follow a story)
                "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", jar.getAbsolutePath()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/" + name + ".log")));
        builder.environment().putAll(LOCAL_SECRETS);
        builder.environment().putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092", "DB_USER", "wevion", "AUTH_URL", AUTH,
                "OTEL_EXPORTER_OTLP_ENDPOINT", TraceCollector.ENDPOINT));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            PROCESSES.add(process);
            BY_MODULE.put(name, process);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void startGateway() {
        ProcessBuilder builder = new ProcessBuilder(new File(ROOT, "scripts/gateway.sh").getAbsolutePath(), "run",
                "--port", "19080", "--auth", "127.0.0.1:19081", "--token", "127.0.0.1:19082", "--connector", "127.0.0.1:19083",
                "--notification", "127.0.0.1:19084", "--prefix", new File("target/gateway").getAbsolutePath())
                .redirectErrorStream(true).redirectOutput(new File("target/gateway.log"));
        try {
            PROCESSES.add(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean ready(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
