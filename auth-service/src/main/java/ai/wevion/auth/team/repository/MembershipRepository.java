package ai.wevion.auth.team.repository;

import ai.wevion.auth.account.repository.Role;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** Table {@code membership}: who belongs to which workspace, with which role. */
@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<Membership, UUID> {

    /** A workspace with the caller's role in it. */
    public record WorkspaceRole(UUID workspaceId, String name, Role role) {
    }

    /** The user's membership of the workspace; null when they are not in it (no leaking across workspaces). */
    public Uni<Membership> find(UUID workspaceId, UUID userId) {
        return find("workspaceId = ?1 and userId = ?2", workspaceId, userId).firstResult();
    }

    /** The workspace's memberships, locked in the caller's transaction: a role change or a removal counts owners safely. */
    public Uni<List<Membership>> lockWorkspace(UUID workspaceId) {
        return find("workspaceId = ?1 order by joinedAt, id", workspaceId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The workspace's members with their e-mail addresses, in the order they joined. */
    public Uni<List<Membership>> members(UUID workspaceId) {
        return find("from Membership m join fetch m.user where m.workspaceId = ?1 order by m.joinedAt, m.id", workspaceId).list();
    }

    /** The user's workspaces, by name. */
    public Uni<List<WorkspaceRole>> workspacesOf(UUID userId) {
        return getSession().chain(s -> s.createSelectionQuery("select m.workspaceId, w.name, m.role from Membership m, Workspace w "
                        + "where w.id = m.workspaceId and m.userId = :user order by w.name, w.id", Object[].class)
                .setParameter("user", userId).getResultList())
                .map(rows -> rows.stream().map(r -> new WorkspaceRole((UUID) r[0], (String) r[1], (Role) r[2])).toList());
    }
}
