package ai.wevion.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code audit_log}, for services that write it through Hibernate Reactive. */
@Entity
@Table(name = "audit_log")
public class AuditRecord {

    @Id
    public UUID id;

    public UUID workspaceId;

    public String service;

    public UUID actorId;

    public UUID subjectId;

    public String action;

    public String target;

    public String detail;

    public String requestId;

    public Instant occurredAt;

    static AuditRecord of(AuditEntry e) {
        AuditRecord r = new AuditRecord();
        r.id = UUID.fromString(e.eventId());
        r.workspaceId = UUID.fromString(e.workspaceId());
        r.service = e.service();
        r.actorId = e.actorId() == null ? null : UUID.fromString(e.actorId());
        r.subjectId = e.subjectId() == null ? null : UUID.fromString(e.subjectId());
        r.action = e.action();
        r.target = e.target();
        r.detail = e.detail();
        r.requestId = e.requestId();
        r.occurredAt = e.occurredAt();
        return r;
    }
}
