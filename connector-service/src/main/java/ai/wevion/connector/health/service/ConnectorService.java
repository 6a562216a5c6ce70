package ai.wevion.connector.health.service;

import ai.wevion.connector.health.repository.PlatformUserRepository;
import ai.wevion.connector.health.service.CardRules.AuditRow;
import ai.wevion.connector.health.service.CardRules.Banner;
import ai.wevion.connector.health.service.CardRules.Connector;
import ai.wevion.connector.health.service.CardRules.Snapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** A workspace's cards, banners and audit, read from the view and drawn by {@link CardRules} (C1–C3, C8). */
@ApplicationScoped
public class ConnectorService {

    private final PlatformUserRepository users;
    private final Clock clock;

    public ConnectorService(PlatformUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    public Uni<List<Connector>> connectors(UUID workspaceId) {
        return users.inWorkspace(workspaceId).map(list -> CardRules.connectors(list, clock.instant()));
    }

    public Uni<List<Banner>> banners(UUID workspaceId) {
        return users.inWorkspace(workspaceId).map(CardRules::banners);
    }

    public Uni<Snapshot> snapshot(UUID workspaceId) {
        return users.inWorkspace(workspaceId).map(list -> CardRules.snapshot(list, clock.instant()));
    }

    public Uni<List<AuditRow>> audit(UUID workspaceId) {
        return users.inWorkspace(workspaceId).map(list -> CardRules.audit(list, clock.instant()));
    }
}
