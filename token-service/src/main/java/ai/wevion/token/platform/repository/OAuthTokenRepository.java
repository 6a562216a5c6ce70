package ai.wevion.token.platform.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class OAuthTokenRepository implements PanacheRepositoryBase<OAuthToken, UUID> {
}
