package ai.wevion.idempotency;

import ai.wevion.retention.RetentionRule;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** How long a kept answer can be replayed (libs/retention purges older ones). */
@Dependent
public class IdempotencyRetention {

    /** A day: clients retry within minutes; a key sent again after a day acts again, as at Stripe. */
    @Produces
    @Singleton
    RetentionRule idempotencyKeys() {
        return new RetentionRule("idempotency_key", "created_at", Duration.ofDays(1));
    }
}
