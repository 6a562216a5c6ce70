package ai.wevion.token.platform.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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

    /**
     * One page of the workspace's records in the order they were connected,
     * after (createdAt, id) of the previous page's last one, with their ad
     * accounts: the page's ids first, then their rows (a collection fetch
     * cannot be limited in SQL).
     */
    public Uni<List<PlatformUser>> listWorkspace(UUID workspaceId, String platform, Instant afterTime, UUID afterId, int limit) {
        Instant from = afterTime == null ? Instant.EPOCH : afterTime;
        UUID fromId = afterId == null ? new UUID(Long.MIN_VALUE, Long.MIN_VALUE) : afterId;
        return getSession().chain(session -> session.createSelectionQuery("select p.id from PlatformUser p where p.workspaceId = :ws "
                        + "and (:platform is null or p.platform = :platform) "
                        + "and (p.createdAt > :from or (p.createdAt = :from and p.id > :fromId)) order by p.createdAt, p.id", UUID.class)
                .setParameter("ws", workspaceId).setParameter("platform", platform).setParameter("from", from)
                .setParameter("fromId", fromId).setMaxResults(limit).getResultList())
                .chain(this::withAdAccounts);
    }

    /**
     * One page of every workspace's records in the order they were connected,
     * after (createdAt, id), with their ad accounts: for a consumer that
     * rebuilds its view of them (connector-service's reconciliation).
     */
    public Uni<List<PlatformUser>> listAll(Instant afterTime, UUID afterId, int limit) {
        Instant from = afterTime == null ? Instant.EPOCH : afterTime;
        UUID fromId = afterId == null ? new UUID(Long.MIN_VALUE, Long.MIN_VALUE) : afterId;
        return getSession().chain(session -> session.createSelectionQuery("select p.id from PlatformUser p "
                        + "where p.createdAt > :from or (p.createdAt = :from and p.id > :fromId) order by p.createdAt, p.id", UUID.class)
                .setParameter("from", from).setParameter("fromId", fromId).setMaxResults(limit).getResultList())
                .chain(this::withAdAccounts);
    }

    /** The records of a page's ids with their ad accounts, in the page's order (a collection fetch cannot be limited in SQL). */
    private Uni<List<PlatformUser>> withAdAccounts(List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of())
                : find("select distinct p from PlatformUser p left join fetch p.adAccounts where p.id in ?1 order by p.createdAt, p.id", ids)
                        .list();
    }

    /** How many live (not archived) records the workspace has on each platform. */
    public Uni<java.util.Map<String, Long>> countByPlatform(UUID workspaceId) {
        return getSession().chain(session -> session.createSelectionQuery("select p.platform, count(p) from PlatformUser p "
                        + "where p.workspaceId = :ws and p.status <> 'ARCHIVED' group by p.platform", Object[].class)
                .setParameter("ws", workspaceId).getResultList())
                .map(rows -> {
                    java.util.Map<String, Long> counts = new java.util.HashMap<>();
                    rows.forEach(r -> counts.put((String) r[0], (Long) r[1]));
                    return counts;
                });
    }

    public Uni<List<PlatformUser>> liveByExternalId(String platform, String externalUserId) {
        return find("from PlatformUser p left join fetch p.adAccounts where p.platform = ?1 and p.externalUserId = ?2 "
                + "and p.status = 'ACTIVE'", platform, externalUserId).list();
    }
}
