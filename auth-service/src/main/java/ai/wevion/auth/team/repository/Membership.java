package ai.wevion.auth.team.repository;

import ai.wevion.auth.account.repository.Role;
import ai.wevion.auth.account.repository.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.UUID;

/** A user's place in a workspace, with their role there (A7, teams). */
@Entity
public class Membership {

    @Id
    public UUID id;

    public UUID workspaceId;

    @Column(name = "user_id")
    public UUID userId;

    /** Read with the membership when the workspace's members are listed. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id", insertable = false, updatable = false)
    public User user;

    public Role role;

    public Instant joinedAt;

    public static Membership of(UUID workspaceId, UUID userId, Role role, Instant now) {
        Membership m = new Membership();
        m.id = UUID.randomUUID();
        m.workspaceId = workspaceId;
        m.userId = userId;
        m.role = role;
        m.joinedAt = now;
        return m;
    }
}
