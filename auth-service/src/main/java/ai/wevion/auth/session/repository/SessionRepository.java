package ai.wevion.auth.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    /** The session whose current or previous cookie secret has this hash, locked for the refresh. */
    public Uni<Session> findBySecretHash(String hash) {
        return find("secretHash = ?1 or previousSecretHash = ?1", hash)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public Uni<List<Session>> liveSessionsOf(UUID userId) {
        return list("userId = ?1 and endedAt is null", userId);
    }
}
