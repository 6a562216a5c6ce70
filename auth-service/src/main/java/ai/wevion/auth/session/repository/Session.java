package ai.wevion.auth.session.repository;

import ai.wevion.auth.account.repository.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
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

    @Column(name = "user_id")
    public UUID userId;

    /** Read with the session on refresh, for the JWT's role and workspace. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id", insertable = false, updatable = false)
    public User user;

    public UUID workspaceId;

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
