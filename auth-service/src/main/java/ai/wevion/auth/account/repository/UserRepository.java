package ai.wevion.auth.account.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    public Uni<User> findByEmail(String email) {
        return find("email", email).firstResult();
    }

    /** The user, or null when they are not in this workspace (no leaking across workspaces). */
    public Uni<User> findInWorkspace(UUID userId, UUID workspaceId) {
        return find("id = ?1 and workspaceId = ?2", userId, workspaceId).firstResult();
    }

    public Uni<List<User>> listWorkspace(UUID workspaceId) {
        return list("workspaceId = ?1 order by createdAt", workspaceId);
    }
}
