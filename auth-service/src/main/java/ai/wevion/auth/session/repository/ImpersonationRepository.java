package ai.wevion.auth.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ImpersonationRepository implements PanacheRepositoryBase<Impersonation, UUID> {

    public Uni<Integer> markEnded(UUID sessionId, Instant now) {
        return update("endedAt = ?1 where sessionId = ?2 and endedAt is null", now, sessionId);
    }

    public Uni<List<Impersonation>> ofWorkspace(UUID workspaceId) {
        return list("workspaceId = ?1 order by startedAt desc", workspaceId);
    }
}
