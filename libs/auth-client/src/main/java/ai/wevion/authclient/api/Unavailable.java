package ai.wevion.authclient.api;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure that says "try again shortly", not "this request is wrong" or
 * "our code is wrong": PostgreSQL unreachable, restarting or shutting down
 * (its connection-class SQLSTATEs), a connection cut mid-query, or a
 * connection refused or reset. Decided once here, by type, for every service's error
 * answers.
 */
record Unavailable(String error, String message) {

    static final int RETRY_AFTER_SECONDS = 5;

    private static final Unavailable DATABASE = new Unavailable("database_unavailable",
            "Our database is not answering right now. Nothing was lost; try again in a few seconds.");
    private static final Unavailable DEPENDENCY = new Unavailable("service_unavailable",
            "A system this request needs is not answering right now. Try again in a few seconds.");

    /**
     * The kind of unavailability behind this failure, or null when it is
     * something else; {@code databasePort}: a connection refused on it is the
     * database's (the refusal names the address it tried).
     */
    static Unavailable of(Throwable failure, int databasePort) {
        // the failure and everything behind it: causes, and what a composite failure (Mutiny's
        // CompositeException, a session closed after a failed query) carries as suppressed
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            Unavailable kind = kind(t, databasePort);
            if (kind != null) {
                return kind;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        return null;
    }

    private static Unavailable kind(Throwable t, int databasePort) {
        if (t instanceof ClosedConnectionException) {
            return DATABASE;
        }
        if (t instanceof PgException pg && isConnectionState(pg.getSqlState())) {
            return DATABASE;
        }
        if (t instanceof NoStackTraceThrowable && String.valueOf(t.getMessage()).startsWith(NOT_ACTIVE)) {
            // the SQL client's answer to a query on a pooled connection PostgreSQL has just closed
            // (the soak saw it at a restart); the client gives it no type of its own
            return DATABASE;
        }
        if (t instanceof ConnectException) {
            return String.valueOf(t.getMessage()).endsWith(":" + databasePort) ? DATABASE : DEPENDENCY;
        }
        if (t instanceof SocketException) {
            // "Connection reset": a peer that went away mid-request (the soak saw it at every PostgreSQL restart);
            // the socket's failure names no address, so which system it was stays open
            return DEPENDENCY;
        }
        return null;
    }

    private static final String NOT_ACTIVE = "Connection is not active now";

    /** The port of a datasource URL ("postgresql://host:5433/db"), PostgreSQL's 5432 when it names none. */
    static int port(String url) {
        Matcher m = PORT.matcher(url == null ? "" : url);
        return m.find() ? Integer.parseInt(m.group(1)) : 5432;
    }

    private static final Pattern PORT = Pattern.compile("//[^/?]*?:(\\d+)");

    /** Class 08 (connection exception), 57P01-57P03 (shutdown, crash, starting up), 53300 (too many connections). */
    private static boolean isConnectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState.equals("53300"));
    }
}
