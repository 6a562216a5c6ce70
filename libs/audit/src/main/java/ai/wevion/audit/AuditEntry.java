package ai.wevion.audit;

import ai.wevion.authclient.Caller;
import java.time.Instant;
import java.util.UUID;

/**
 * One admin or impersonated action: who did it ({@code actorId}: the admin
 * when they act as someone), as whom ({@code subjectId}, the JWT's subject
 * while impersonating, as in its {@code act} claim), in which workspace, what
 * ({@code action}, e.g. {@code member.removed}) to what ({@code target}, e.g.
 * {@code user:<id>}), when, in which request, in which service. Never a token
 * or a password. Also the {@code audit-events} event (docs/events/).
 */
public record AuditEntry(String eventId, String type, Instant occurredAt, String workspaceId, String service, String actorId,
        String subjectId, String action, String target, String detail, String requestId) {

    public static final String TOPIC = "audit-events";
    public static final String TYPE = "ACTION_RECORDED";

    /** What the caller of this request did; {@code detail} is optional (e.g. {@code admin → member}). */
    public static AuditEntry of(Caller caller, String service, String action, String target, String detail, String requestId,
            Instant now) {
        String impersonator = caller.impersonatorId();
        return new AuditEntry(UUID.randomUUID().toString(), TYPE, now, caller.workspaceId(), service,
                impersonator != null ? impersonator : caller.userId(), impersonator != null ? caller.userId() : null,
                action, target, detail, requestId);
    }
}
