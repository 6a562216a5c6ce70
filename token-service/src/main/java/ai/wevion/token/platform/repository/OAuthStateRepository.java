package ai.wevion.token.platform.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class OAuthStateRepository implements PanacheRepositoryBase<OAuthState, String> {

    /** Marks the state used and returns it, or null when unknown, expired or already used. */
    public Uni<OAuthState> consume(String nonceHash, Instant now) {
        return update("usedAt = ?1 where nonceHash = ?2 and usedAt is null and expiresAt > ?1", now, nonceHash)
                .chain(updated -> updated == 1 ? findById(nonceHash) : Uni.createFrom().nullItem());
    }
}
