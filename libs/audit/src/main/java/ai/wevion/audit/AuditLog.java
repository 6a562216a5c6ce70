package ai.wevion.audit;

import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import ai.wevion.outbox.Outbox;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Table {@code audit_log} (each service's own; created by db/audit/R__audit_log.sql of this module):
 * an action is written in the transaction of the change it records, with its
 * {@code audit-events} event (outbox), so neither exists without the other.
 * Admins read their workspace's entries newest first, a page at a time.
 * {@link PanacheAuditLog} records in a Hibernate Reactive transaction instead.
 */
@ApplicationScoped
public class AuditLog {

    /** The request id the gateway (nginx {@code $request_id}, ingress-nginx) sends; one is made when there is none. */
    public static final String REQUEST_ID = "X-Request-Id";

    private final Pool pool;
    private final Outbox outbox;
    private final CurrentVertxRequest request;
    private final Clock clock;
    private final String service;

    public AuditLog(Pool pool, Outbox outbox, CurrentVertxRequest request, Clock clock,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pool = pool;
        this.outbox = outbox;
        this.request = request;
        this.clock = clock;
        this.service = service;
    }

    /** The entry for what the current request's caller did. */
    public AuditEntry entry(Caller caller, String action, String target, String detail) {
        return AuditEntry.of(caller, service, action, target, detail, requestId(), clock.instant());
    }

    /** Records the action within a plain SQL transaction. */
    public Uni<Void> record(SqlConnection conn, AuditEntry e) {
        return insert(conn, e).chain(inserted -> outbox.add(conn, AuditEntry.TOPIC, e.workspaceId(), e));
    }

    /** Keeps an entry another service recorded (a central store fed by audit-events); a repeat changes nothing. */
    public Uni<Boolean> keep(AuditEntry e) {
        return insert(pool, e);
    }

    /** The workspace's entries, newest first, after the cursor of the previous page. */
    public Uni<Page<AuditEntry>> page(UUID workspaceId, Cursor after, int limit) {
        Instant before = after == null ? Instant.parse("9999-12-31T00:00:00Z") : after.time();
        UUID beforeId = after == null ? new UUID(-1L, -1L) : after.id();
        return pool.preparedQuery("select * from audit_log where workspace_id = $1 and (occurred_at, id) < ($2, $3) "
                        + "order by occurred_at desc, id desc limit $4")
                .execute(Tuple.of(workspaceId, before.atOffset(ZoneOffset.UTC), beforeId, limit + 1))
                .map(rows -> {
                    List<AuditEntry> list = new ArrayList<>();
                    rows.forEach(r -> list.add(read(r)));
                    return Page.of(list, limit, e -> Cursor.at(e.occurredAt(), UUID.fromString(e.eventId())));
                });
    }

    private static Uni<Boolean> insert(SqlClient client, AuditEntry e) {
        return client.preparedQuery("insert into audit_log (id, workspace_id, service, actor_id, subject_id, action, target, "
                        + "detail, request_id, occurred_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (id) do nothing")
                .execute(Tuple.tuple(Arrays.asList(UUID.fromString(e.eventId()), UUID.fromString(e.workspaceId()), e.service(),
                        uuid(e.actorId()), uuid(e.subjectId()), e.action(), e.target(), e.detail(), e.requestId(),
                        e.occurredAt().atOffset(ZoneOffset.UTC))))
                .map(r -> r.rowCount() > 0);
    }

    private static AuditEntry read(Row r) {
        return new AuditEntry(r.getUUID("id").toString(), AuditEntry.TYPE, r.getOffsetDateTime("occurred_at").toInstant(),
                r.getUUID("workspace_id").toString(), r.getString("service"), str(r.getUUID("actor_id")), str(r.getUUID("subject_id")),
                r.getString("action"), r.getString("target"), r.getString("detail"), r.getString("request_id"));
    }

    private String requestId() {
        String id = request.getCurrent() == null ? null : request.getCurrent().request().getHeader(REQUEST_ID);
        return id == null || id.isBlank() || id.length() > 100 ? UUID.randomUUID().toString() : id;
    }

    private static UUID uuid(String s) {
        return s == null ? null : UUID.fromString(s);
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }
}
