package ai.wevion.authclient.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures are answered 503 "try again" rather than 500 (issue 16: PostgreSQL outages). */
class UnavailableTest {

    @Test
    void aRefusedConnectionToTheDatabasesPortIsTheDatabaseAnyOtherIsADependency() {
        int port = Unavailable.port("postgresql://db.internal:5433/token");
        assertThat(port).isEqualTo(5433);
        assertThat(Unavailable.of(new CompletionException(new ConnectException("Connection refused: db.internal/10.0.0.5:5433")), port))
                .extracting(Unavailable::error).isEqualTo("database_unavailable");
        assertThat(Unavailable.of(new ConnectException("Connection refused: token-service/10.0.0.7:8080"), port))
                .extracting(Unavailable::error).isEqualTo("service_unavailable");
    }

    @Test
    void aConnectionCutMidQueryAndPostgresShuttingDownOrStartingUpAreTheDatabase() {
        assertThat(Unavailable.of(new RuntimeException(ClosedConnectionException.INSTANCE), 5432).error()).isEqualTo("database_unavailable");
        for (String state : new String[] {"57P01", "57P03", "08006", "53300"}) {
            assertThat(Unavailable.of(new PgException("down", "FATAL", state, null), 5432)).as(state).isNotNull();
        }
    }

    @Test
    void aConnectionResetMidRequestIsUnavailabilityNotOurBug() {
        // seen by the fault soak at PostgreSQL restarts: netty's read fails with no address to tell whose socket it was
        assertThat(Unavailable.of(new java.net.SocketException("Connection reset"), 5432).error()).isEqualTo("service_unavailable");
    }

    @Test
    void aQueryOnAConnectionPostgresJustClosedIsTheDatabaseEvenInsideACompositeFailure() {
        // the 30-minute soak's last two 500s: a login at a PostgreSQL restart failed with this, wrapped in
        // Mutiny's CompositeException beside the failure of closing the session
        Throwable closed = new NoStackTraceThrowable("Connection is not active now, current status: CLOSED");
        assertThat(Unavailable.of(closed, 5432).error()).isEqualTo("database_unavailable");
        assertThat(Unavailable.of(new CompositeException(new IllegalStateException("session closed"), closed), 5432))
                .extracting(Unavailable::error).isEqualTo("database_unavailable");
        assertThat(Unavailable.of(new NoStackTraceThrowable("something else"), 5432)).isNull();
    }

    @Test
    void aQueryTheDatabaseRefusesOrOurOwnBugIsNotUnavailability() {
        assertThat(Unavailable.of(new PgException("duplicate key", "ERROR", "23505", null), 5432)).isNull();
        assertThat(Unavailable.of(new IllegalStateException("bug"), 5432)).isNull();
    }

    @Test
    void aUrlWithoutAPortMeansPostgresDefault() {
        assertThat(Unavailable.port("postgresql://db/token")).isEqualTo(5432);
        assertThat(Unavailable.port(null)).isEqualTo(5432);
    }
}
