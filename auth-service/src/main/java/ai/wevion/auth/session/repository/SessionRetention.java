package ai.wevion.auth.session.repository;

import ai.wevion.retention.RetentionRule;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** auth-service's tables that would grow for ever, and how long their rows stay (libs/retention purges them). */
@Dependent
public class SessionRetention {

    /** A session that ended or expired a month ago: nothing reads it any more (a month answers "was I logged in?"). */
    @Produces
    @Singleton
    RetentionRule endedSessions() {
        return new RetentionRule("user_session", "coalesce(ended_at, expires_at)", Duration.ofDays(30));
    }

    /** A failed login is forgotten after an hour without another (LoginThrottleService); the row after a day. */
    @Produces
    @Singleton
    RetentionRule loginThrottles() {
        return new RetentionRule("login_throttle", "greatest(last_failure_at, blocked_until)", Duration.ofDays(1));
    }
}
