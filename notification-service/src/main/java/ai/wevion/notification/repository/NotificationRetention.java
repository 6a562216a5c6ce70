package ai.wevion.notification.repository;

import ai.wevion.retention.RetentionRule;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** notification-service's tables that would grow for ever, and how long their rows stay (libs/retention purges them). */
@Dependent
public class NotificationRetention {

    /** Kafka redelivers an event within minutes; an older replay is still refused by {@code credential_seen} ordering. */
    @Produces
    @Singleton
    RetentionRule processedEvents() {
        return new RetentionRule("processed_event", "processed_at", Duration.ofDays(3));
    }

    /**
     * The live feed's changes let a reconnecting tab resume where it stopped
     * (seconds later, as a rule). A tab that comes back after more than two
     * days gets only the changes still kept; the list itself
     * ({@code GET /api/v1/notifications}) is always whole.
     */
    @Produces
    @Singleton
    RetentionRule feedChanges() {
        return new RetentionRule("notification_change", "changed_at", Duration.ofDays(2));
    }

    /** Telegram keeps an update for 24 hours, so an update id older than three days cannot come again. */
    @Produces
    @Singleton
    RetentionRule telegramUpdates() {
        return new RetentionRule("telegram_update", "received_at", Duration.ofDays(3));
    }

    /** A link token is good for minutes; a day after it expired, used or not, it goes. */
    @Produces
    @Singleton
    RetentionRule telegramLinkTokens() {
        return new RetentionRule("telegram_link_token", "expires_at", Duration.ofDays(1));
    }
}
