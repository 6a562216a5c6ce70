package ai.wevion.auth.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    /** The session whose current or previous cookie secret has this hash. */
    public Uni<Session> findBySecretHash(String hash) {
        return find("secretHash = ?1 or previousSecretHash = ?1", hash).firstResult();
    }

    /** Reads the session again under a row lock, before changing it. */
    public Uni<Session> lock(Session session) {
        return getSession().chain(s -> s.refresh(session, LockModeType.PESSIMISTIC_WRITE)).replaceWith(session);
    }

    /** The user's live sessions in the workspace. */
    public Uni<List<Session>> liveSessionsOf(UUID userId, UUID workspaceId) {
        return list("userId = ?1 and workspaceId = ?2 and endedAt is null", userId, workspaceId);
    }
}
