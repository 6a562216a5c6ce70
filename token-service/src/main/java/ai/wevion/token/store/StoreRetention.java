package ai.wevion.token.store;

import ai.wevion.retention.RetentionRule;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** token-service's tables that would grow for ever, and how long their rows stay (libs/retention purges them). */
@Dependent
public class StoreRetention {

    /** An OAuth state is good for minutes; a day after it expired (used or not) it can only be a replay. */
    @Produces
    @Singleton
    RetentionRule oauthStates() {
        return new RetentionRule("oauth_state", "expires_at", Duration.ofDays(1));
    }

    /** A provider retries a webhook for up to three days (Stripe); a month of event ids keeps every retry a no-op. */
    @Produces
    @Singleton
    RetentionRule webhookEvents() {
        return new RetentionRule("webhook_event", "received_at", Duration.ofDays(30));
    }
}
