package ai.wevion.audit;

import ai.wevion.retention.RetentionRule;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** How long the audit log keeps an entry (libs/retention purges older ones). */
@Dependent
public class AuditRetention {

    /** 400 days: a year of "who did that?", and the month an annual review takes (retention.audit_log.max-age changes it). */
    @Produces
    @Singleton
    RetentionRule auditLog() {
        return new RetentionRule("audit_log", "occurred_at", Duration.ofDays(400));
    }
}
