package ai.wevion.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A service's database migrations, applied in a process of their own before the service starts:
 * {@code java -cp quarkus-run.jar ai.wevion.migrate.Migrate}, the Deployment's init container and the
 * local run's first step for each service (scripts/lib.sh {@code migrate_service}). The serving process
 * then opens no JDBC connection and loads neither Flyway nor the JDBC driver (its
 * {@code quarkus.flyway.active} is false outside its tests and dev mode): about 1,000 classes fewer and
 * 5-31 MB less RSS when a service is ready (docs/performance.md). It needs the database's settings and
 * nothing else, none of the service's other secrets.
 *
 * <p>It reads the service's settings as the service reads them in production (its
 * {@code application.properties}, the environment, system properties; the prod profile): the database
 * from {@code quarkus.datasource.reactive.url}, {@code username} and {@code password}, and what to apply
 * from the {@code quarkus.flyway} settings that Quarkus's Flyway applies in the service's tests. Any
 * other {@code quarkus.flyway} setting stops it, so that the two ways a schema is migrated cannot drift
 * apart.
 */
public final class Migrate {

    /** The quarkus.flyway settings applied here as Quarkus applies them. */
    static final Set<String> APPLIED = Set.of("quarkus.flyway.locations", "quarkus.flyway.out-of-order");
    /** The quarkus.flyway settings that say whether the service migrates itself, not what is applied. */
    static final Set<String> THE_SERVICES_OWN = Set.of("quarkus.flyway.active", "quarkus.flyway.migrate-at-start");

    /** What one run did: the database, how many migrations it applied, the schema's version after it. */
    record Outcome(String database, int applied, String version) {

        @Override
        public String toString() {
            return applied == 0
                    ? "database " + database + " is up to date (schema version " + version + ")"
                    : "database " + database + ": " + applied + " migration(s) applied, schema version " + version;
        }
    }

    private Migrate() {
    }

    /** Exit status 0 when the schema is up to date, 1 (with the reason on stderr) when it is not. */
    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        try {
            System.out.println("migrate: " + migrate(settings()));
        } catch (RuntimeException e) {
            System.err.println("migrate: failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The service's production settings: the application.properties on the class path, under the
     * environment and system properties (and under {@code above}, a test's).
     */
    static SmallRyeConfig settings(ConfigSource... above) {
        URL file = Migrate.class.getClassLoader().getResource("application.properties");
        if (file == null) {
            throw new IllegalStateException("no application.properties on the class path: run it with the service's jar as the class path "
                    + "(java -cp quarkus-run.jar ai.wevion.migrate.Migrate)");
        }
        try {
            return new SmallRyeConfigBuilder().withProfile("prod").addDefaultSources()
                    .withSources(new PropertiesConfigSource(file, 250)).withSources(above).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome migrate(SmallRyeConfig config) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("quarkus.flyway.") && !APPLIED.contains(name) && !THE_SERVICES_OWN.contains(name)) {
                throw new IllegalStateException(name + " is set, and Migrate does not apply it: apply it in libs/migrate too, "
                        + "or the service's tests and its production would migrate differently");
            }
        }
        MigrateResult result = Flyway.configure(Migrate.class.getClassLoader())
                .dataSource("jdbc:" + config.getValue("quarkus.datasource.reactive.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class))
                .locations(config.getValues("quarkus.flyway.locations", String.class).toArray(String[]::new))
                .outOfOrder(config.getOptionalValue("quarkus.flyway.out-of-order", Boolean.class).orElse(false))
                // each step through java.util.logging (stderr, one line per step: the format is set in main),
                // where the init container's log shows it; the SLF4J that Flyway would pick on the service's
                // class path goes to the JBoss log manager, which only a started Quarkus configures. An
                // internal class of Flyway's: should it move, Migrate fails at once (and the system tests)
                .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
                .load()
                .migrate();
        // the schema's version: the higher of the one it had and the last one applied, which an out-of-order
        // migration (a module's, added later) leaves below it; read from the result, not from a second scan
        String version = Stream.of(result.initialSchemaVersion, result.targetSchemaVersion).filter(Objects::nonNull)
                .map(MigrationVersion::fromVersion).max(Comparator.naturalOrder()).map(MigrationVersion::getVersion).orElse("none");
        return new Outcome(result.database, result.migrationsExecuted, version);
    }
}
