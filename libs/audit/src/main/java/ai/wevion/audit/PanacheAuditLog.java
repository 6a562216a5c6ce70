package ai.wevion.audit;

import ai.wevion.authclient.Caller;
import ai.wevion.outbox.PanacheOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@link AuditLog} for a service that writes its state through Hibernate Reactive:
 * the entry and its {@code audit-events} event are persisted in the current Panache
 * transaction. Hibernate Reactive is an optional dependency of this module: only a
 * service that has it injects this class (and maps {@link AuditRecord}).
 */
@ApplicationScoped
public class PanacheAuditLog {

    private final AuditLog log;
    private final PanacheOutbox outbox;

    public PanacheAuditLog(AuditLog log, PanacheOutbox outbox) {
        this.log = log;
        this.outbox = outbox;
    }

    /** Records what the current request's caller did, in the caller's Hibernate Reactive transaction. */
    public Uni<Void> record(Caller caller, String action, String target, String detail) {
        AuditEntry e = log.entry(caller, action, target, detail);
        return Panache.getSession().chain(s -> s.persist(AuditRecord.of(e))).chain(() -> outbox.add(AuditEntry.TOPIC, e.workspaceId(), e));
    }
}
