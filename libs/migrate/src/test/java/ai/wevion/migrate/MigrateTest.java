package ai.wevion.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;

/**
 * A service's schema is migrated before it starts, by {@link Migrate} alone (the Deployment's init
 * container, the local run), against the test database of scripts/infra.sh ({@code migrate_test}).
 */
class MigrateTest {

    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:" + System.getenv().getOrDefault("TEST_PG_PORT", "55433")
            + "/migrate_test";

    @BeforeEach
    void emptyDatabase() throws SQLException {
        sql("drop schema public cascade; create schema public");
    }

    @Test
    void aFreshDatabaseGetsEveryMigrationAndTheNextRunAppliesNothing() throws SQLException {
        Migrate.Outcome first = Migrate.migrate(Migrate.settings());
        Migrate.Outcome second = Migrate.migrate(Migrate.settings());

        assertThat(first.applied()).isEqualTo(3);
        assertThat(first.version()).isEqualTo("2");
        assertThat(second.applied()).isZero();
        assertThat(second).hasToString("database migrate_test is up to date (schema version 2)");
        sql("insert into account (id, name, email) values (1, 'a', 'a@example.com'); insert into outbox (payload) values ('{}')");
    }

    @Test
    void twoReplicasStartingAtOnceApplyEachMigrationOnce() {
        CompletableFuture<Migrate.Outcome> one = CompletableFuture.supplyAsync(() -> Migrate.migrate(Migrate.settings()));
        CompletableFuture<Migrate.Outcome> two = CompletableFuture.supplyAsync(() -> Migrate.migrate(Migrate.settings()));

        assertThat(one.join().applied() + two.join().applied()).isEqualTo(3);
        assertThat(List.of(one.join().version(), two.join().version())).containsOnly("2");
    }

    @Test
    void aModulesMigrationAddedLaterIsAppliedOutOfOrder() {
        Migrate.migrate(with(Map.of("quarkus.flyway.locations", "db/test-service")));

        Migrate.Outcome later = Migrate.migrate(Migrate.settings());

        assertThat(later.applied()).isEqualTo(1);
        assertThat(later.version()).isEqualTo("2");
    }

    @Test
    void aFlywaySettingItDoesNotApplyStopsItBeforeAnythingIsApplied() throws SQLException {
        assertThatThrownBy(() -> Migrate.migrate(with(Map.of("quarkus.flyway.baseline-on-migrate", "true"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("quarkus.flyway.baseline-on-migrate is set, and Migrate does not apply it");
        assertThat(tables()).isEmpty();
    }

    @Test
    void aMissingPasswordIsNamed() {
        assertThatThrownBy(() -> Migrate.migrate(with(Map.of("quarkus.datasource.password", "${NO_SUCH_PASSWORD_VARIABLE}"))))
                .hasMessageContaining("NO_SUCH_PASSWORD_VARIABLE");
    }

    /** The service's settings with {@code overrides} above them, as the environment would set them. */
    private static SmallRyeConfig with(Map<String, String> overrides) {
        return Migrate.settings(new PropertiesConfigSource(Map.copyOf(overrides), "overrides", 500));
    }

    private static void sql(String statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(DATABASE, "wevion", "wevion"); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }

    private static List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(DATABASE, "wevion", "wevion"); Statement s = c.createStatement();
                var rows = s.executeQuery("select table_name from information_schema.tables where table_schema = 'public'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
