package ai.wevion.token.platform.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PlatformUserRepository implements PanacheRepositoryBase<PlatformUser, UUID> {

    /** The live (not archived) record of this provider account in the workspace, with its ad accounts. */
    public Uni<PlatformUser> findLive(UUID workspaceId, String platform, String externalUserId) {
        return find("from PlatformUser p left join fetch p.adAccounts where p.workspaceId = ?1 and p.platform = ?2 "
                + "and p.externalUserId = ?3 and p.status <> 'ARCHIVED'", workspaceId, platform, externalUserId)
                .list().map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** The record, or null when it is not in this workspace (no leaking across workspaces). */
    public Uni<PlatformUser> findInWorkspace(UUID id, UUID workspaceId) {
        return find("from PlatformUser p left join fetch p.adAccounts where p.id = ?1 and p.workspaceId = ?2", id, workspaceId)
                .list().map(found -> found.isEmpty() ? null : found.get(0));
    }

    public Uni<List<PlatformUser>> listWorkspace(UUID workspaceId, String platform) {
        return platform == null
                ? find("select distinct p from PlatformUser p left join fetch p.adAccounts where p.workspaceId = ?1 "
                        + "order by p.createdAt", workspaceId).list()
                : find("select distinct p from PlatformUser p left join fetch p.adAccounts where p.workspaceId = ?1 "
                        + "and p.platform = ?2 order by p.createdAt", workspaceId, platform).list();
    }

    public Uni<List<PlatformUser>> liveByExternalId(String platform, String externalUserId) {
        return find("from PlatformUser p left join fetch p.adAccounts where p.platform = ?1 and p.externalUserId = ?2 "
                + "and p.status = 'ACTIVE'", platform, externalUserId).list();
    }
}
