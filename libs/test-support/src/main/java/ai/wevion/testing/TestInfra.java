package ai.wevion.testing;

import java.io.IOException;

/** Drives the real test infrastructure of scripts/infra.sh (profile "test") from a test. */
public final class TestInfra {

    private TestInfra() {
    }

    public static void stopKafka() {
        run("kafka-stop");
    }

    public static void startKafka() {
        run("kafka-start");
    }

    /** PostgreSQL stopped the way an operator's restart or a failover stops it (fast: open connections are cut). */
    public static void stopPostgres() {
        run("pg-stop");
    }

    public static void startPostgres() {
        run("pg-start");
    }

    /** Every connection of the services cut while PostgreSQL stays up (a network blip, a proxy dropping connections). */
    public static void cutPostgresConnections() {
        run("pg-cut");
    }

    private static void run(String action) {
        try {
            Process p = new ProcessBuilder(Repo.path("scripts/infra.sh").toString(), action, "test").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("scripts/infra.sh " + action + " test failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
