package ai.wevion.auth.team.repository;

import ai.wevion.retention.RetentionRule;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** How long an invitation stays once it can no longer be used (libs/retention purges it). */
@Dependent
public class TeamRetention {

    /** Accepted or expired a month ago: enough to answer "who let them in?" (the audit log keeps the acceptance). */
    @Produces
    @Singleton
    RetentionRule invitations() {
        return new RetentionRule("invitation", "coalesce(accepted_at, expires_at)", Duration.ofDays(30));
    }
}
