package ai.wevion.auth.session.repository;

import ai.wevion.auth.account.repository.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A login (7 days, sliding), shared by every tab of one browser. */
@Entity
@Table(name = "user_session")
public class Session {

    @Id
    public UUID id;

    public UUID userId;

    /** The session's one workspace: switching workspace opens a new session (teams). */
    public UUID workspaceId;

    /** The user's role in the workspace when the session opened; a role change ends the session. */
    public Role role;

    public String secretHash;

    public String previousSecretHash;

    public Instant rotatedAt;

    public Instant createdAt;

    /** When the 7 days last started again. */
    public Instant slidAt;

    public Instant expiresAt;

    public Instant endedAt;

    public String endReason;

    /** The admin acting as this user, for an impersonation session. */
    public UUID impersonatorId;

    public boolean isLive(Instant now) {
        return endedAt == null && now.isBefore(expiresAt);
    }

    public boolean isImpersonation() {
        return impersonatorId != null;
    }

    public boolean mustSlide(Instant now, Duration slideAfter) {
        return !isImpersonation() && Duration.between(slidAt, now).compareTo(slideAfter) > 0;
    }

    public void end(Instant now, String reason) {
        endedAt = now;
        endReason = reason;
    }
}
