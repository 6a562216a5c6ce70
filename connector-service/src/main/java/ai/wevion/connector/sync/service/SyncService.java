package ai.wevion.connector.sync.service;

import ai.wevion.audit.AuditEntry;
import ai.wevion.audit.AuditLog;
import ai.wevion.authclient.Caller;
import ai.wevion.connector.config.ConnectorConfig;
import ai.wevion.connector.event.SyncRequest;
import ai.wevion.connector.event.SyncResult;
import ai.wevion.connector.event.SyncTrigger;
import ai.wevion.connector.repository.ProcessedEventRepository;
import ai.wevion.connector.sync.repository.AdAccountRepository;
import ai.wevion.connector.sync.repository.AdAccountRepository.GateMove;
import ai.wevion.connector.sync.repository.SyncRequestRepository;
import ai.wevion.connector.sync.repository.SyncRequestRepository.Outcome;
import ai.wevion.outbox.Outbox;
import ai.wevion.authclient.api.ApiException;
import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Sync windows: each request is recorded and announced on sync-requests in
 * the caller's transaction (C1, C7, C8); Force sync; the backfill of a
 * reconnect's gap; completed windows moving an account's sync point (C7).
 */
@ApplicationScoped
public class SyncService {

    private final Pool pool;
    private final AdAccountRepository accounts;
    private final SyncRequestRepository requests;
    private final ProcessedEventRepository processed;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final ConnectorConfig.Sync config;

    public SyncService(Pool pool, AdAccountRepository accounts, SyncRequestRepository requests, ProcessedEventRepository processed,
            Outbox outbox, AuditLog audit, Clock clock, ConnectorConfig config) {
        this.pool = pool;
        this.accounts = accounts;
        this.requests = requests;
        this.processed = processed;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.config = config.sync();
    }

    /** Ad accounts by name, a page at a time (C8). */
    public Uni<Page<AdAccountView>> adAccounts(UUID workspaceId, String platform, Cursor after, int limit) {
        return accounts.page(workspaceId, platform, after, limit).map(page -> page.map(AdAccountView::of));
    }

    /**
     * Force sync (C8): a window from the last synced point to now; 409 "Token
     * expired" when no healthy user covers the account. A request still
     * pending for the account is answered again (a double click or a retried
     * POST syncs once); a workspace asking more than
     * {@code connector.sync.forced-per-minute} times a minute gets 429 with
     * Retry-After, since each sync spends the provider's API quota. A new
     * request is audited (who forced it, as whom while impersonating).
     */
    public Uni<UUID> force(Caller caller, UUID adAccountId) {
        UUID workspaceId = UUID.fromString(caller.workspaceId());
        AuditEntry audited = audit.entry(caller, "ad_account.sync_forced", "ad-account:" + adAccountId, null);
        Instant now = clock.instant();
        return pool.withTransaction(conn -> accounts.lock(conn, workspaceId, adAccountId).chain(account -> {
            if (account == null) {
                throw ApiException.notFound("Ad account");
            }
            return requests.pending(conn, adAccountId, now.minus(config.forcedPending())).chain(pending -> pending != null
                    ? Uni.createFrom().item(pending)
                    : requests.forcedSince(conn, workspaceId, now.minus(ForceSyncRules.WINDOW)).chain(recent -> {
                        ForceSyncRules.requireWithinLimit(recent.count(), recent.oldest(), config.forcedPerMinute(), now);
                        return accounts.healthyCover(conn, adAccountId).chain(cover -> {
                            if (cover == null || cover.healthyUser() == null) {
                                throw new ApiException(409, "token_expired", GateRules.TOKEN_EXPIRED);
                            }
                            return request(conn, workspaceId, adAccountId, cover.healthyUser(), account.windowFrom(), now,
                                    SyncTrigger.FORCED, now).call(() -> audit.record(conn, audited));
                        });
                    }));
        }));
    }

    /** Records a window and announces it on sync-requests, in the caller's transaction; answers the request id. */
    public Uni<UUID> request(SqlConnection conn, UUID workspaceId, UUID adAccountId, UUID platformUserId, Instant windowFrom,
            Instant windowTo, SyncTrigger trigger, Instant now) {
        UUID requestId = UUID.randomUUID();
        Instant from = WindowRules.atDatabasePrecision(windowFrom);
        Instant to = WindowRules.atDatabasePrecision(windowTo);
        return requests.insert(conn, requestId, adAccountId, platformUserId, from, to, trigger, now)
                .chain(() -> outbox.add(conn, SyncRequest.TOPIC, adAccountId.toString(),
                        SyncRequest.of(now, workspaceId, requestId, adAccountId, platformUserId, from, to, trigger)))
                .replaceWith(requestId);
    }

    /** A reconnect reopened the account: one BACKFILL of exactly the gap, through the reconnected user, at once (C7). */
    Uni<Void> backfill(SqlConnection conn, GateMove reopened, UUID platformUserId, String platform, Instant now) {
        Instant from = WindowRules.backfillFrom(reopened.gapFrom(), now, config.retention(platform));
        return request(conn, reopened.workspaceId(), reopened.adAccountId(), platformUserId, from, now, SyncTrigger.BACKFILL, now)
                .replaceWithVoid();
    }

    /** sync-results, each event once: the request ends; a completed window moves the account's sync point (C7). */
    public Uni<Void> record(SyncResult r) {
        return pool.withTransaction(conn -> processed.firstTime(conn, r.eventId(), clock.instant())
                .chain(first -> !first ? Uni.createFrom().voidItem() : requests
                        .complete(conn, UUID.fromString(r.requestId()), r.completed() ? Outcome.COMPLETED : Outcome.FAILED, clock.instant())
                        .chain(() -> r.completed() && r.syncedUntil() != null
                                ? accounts.syncedUntil(conn, UUID.fromString(r.adAccountId()), r.syncedUntil(), clock.instant())
                                : Uni.createFrom().voidItem())));
    }
}
