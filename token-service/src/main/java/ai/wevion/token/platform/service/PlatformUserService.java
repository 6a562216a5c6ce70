package ai.wevion.token.platform.service;

import ai.wevion.audit.AuditLog;
import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.ApiException;
import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import ai.wevion.token.catalog.ProviderCatalog;
import ai.wevion.token.platform.repository.PlatformUser;
import ai.wevion.token.platform.repository.PlatformUserRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The workspace's platform users: list (never a token), archive, disconnect, app removed (T2, T6). */
@ApplicationScoped
public class PlatformUserService {

    public record Listed(PlatformUser user, Instant expiresAt) {
    }

    private final PlatformUserRepository users;
    private final ProviderCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    public PlatformUserService(PlatformUserRepository users, ProviderCatalog catalog, AuditLog audit, Clock clock) {
        this.users = users;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /** The workspace's records in the order they were connected, a page at a time (T2: never a token in the answer). */
    public Uni<Page<Listed>> list(Caller caller, String platform, Cursor after, int limit) {
        return page(users.listWorkspace(UUID.fromString(caller.workspaceId()), platform, after == null ? null : after.time(),
                after == null ? null : after.id(), limit + 1), limit);
    }

    /** Every workspace's records, a page at a time, for a service rebuilding its view of them (never a token). */
    public Uni<Page<Listed>> listAll(Cursor after, int limit) {
        return page(users.listAll(after == null ? null : after.time(), after == null ? null : after.id(), limit + 1), limit);
    }

    /** The page out of {@code limit + 1} records read, each with its token's expiry. */
    private Uni<Page<Listed>> page(Uni<List<PlatformUser>> read, int limit) {
        return read.chain(list -> expiries(list).map(expiries -> list.stream().map(u -> new Listed(u, expiries.get(u.id))).toList()))
                .map(listed -> Page.of(listed, limit, l -> Cursor.at(l.user().createdAt, l.user().id)));
    }

    /** Each record's token expiry, asked of the store of each platform on the page. */
    private Uni<Map<UUID, Instant>> expiries(List<PlatformUser> page) {
        Map<String, List<UUID>> byPlatform = page.stream().filter(u -> catalog.isAvailable(u.platform))
                .collect(Collectors.groupingBy(u -> u.platform, Collectors.mapping(u -> u.id, Collectors.toList())));
        return Multi.createFrom().iterable(byPlatform.entrySet())
                .onItem().transformToUniAndConcatenate(e -> catalog.require(e.getKey()).store().expiries(e.getValue()))
                .collect().in(HashMap::new, Map::putAll);
    }

    /** How many live records the caller's workspace has on each platform. */
    public Uni<Map<String, Long>> connectedCounts(Caller caller) {
        return users.countByPlatform(UUID.fromString(caller.workspaceId()));
    }

    /** An admin keeps an old record for the record, without its token (T6). */
    public Uni<Void> archive(Caller caller, UUID id) {
        caller.requireAdmin();
        UUID workspaceId = UUID.fromString(caller.workspaceId());
        return catalog.ofPlatformUser(id)
                .chain(provider -> provider == null ? Uni.createFrom().item(false) : provider.store().archived(id, workspaceId,
                        audit.entry(caller, "platform_user.archived", "platform-user:" + id, null), clock.instant()))
                .invoke(found -> requireFound(found))
                .replaceWithVoid();
    }

    /** Disconnect: the record and its token are removed (cleanup, T6); the connecting user or an admin. */
    public Uni<Void> disconnect(Caller caller, UUID id) {
        UUID workspaceId = UUID.fromString(caller.workspaceId());
        return ownRecord(id, workspaceId).chain(user -> {
            if (!caller.isAdmin() && !user.connectedBy.toString().equals(caller.userId())) {
                throw ApiException.forbidden("Only the user who connected it or an admin can disconnect it.");
            }
            return catalog.require(user.platform).store().disconnected(id, workspaceId,
                    audit.entry(caller, "platform_user.disconnected", "platform-user:" + id, user.platform), clock.instant());
        }).invoke(found -> requireFound(found)).replaceWithVoid();
    }

    /** A provider's deauthorize callback (Meta, Stripe): every live record of that account expires at once (APP_REMOVED). */
    public Uni<Integer> appRemoved(String platform, String externalUserId) {
        return catalog.require(platform).store().appRemoved(platform, externalUserId, clock.instant());
    }

    /** The same for a provider event with an id: acted on once however often it arrives. */
    public Uni<Integer> appRemoved(String platform, String externalUserId, String eventId) {
        return catalog.require(platform).store().appRemoved(platform, externalUserId, eventId, clock.instant());
    }

    private Uni<PlatformUser> ownRecord(UUID id, UUID workspaceId) {
        return users.findInWorkspace(id, workspaceId).invoke(user -> requireFound(user != null));
    }

    private static void requireFound(boolean found) {
        if (!found) {
            throw ApiException.notFound("Platform user");
        }
    }
}
