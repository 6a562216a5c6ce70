package ai.wevion.connector.health.service;

import ai.wevion.connector.config.ConnectorConfig;
import ai.wevion.connector.event.TokenStatus;
import ai.wevion.connector.event.TokenStatusType;
import ai.wevion.connector.health.client.PlatformUserState;
import ai.wevion.connector.health.client.TokenServiceClient;
import ai.wevion.connector.health.repository.PlatformUserRepository;
import ai.wevion.connector.health.repository.ReconciliationRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Rebuilds the projection from token-service's state: every platform user it
 * holds is applied as an event as of when it was read, and every one it no
 * longer holds is forgotten, as a disconnect would. Cards, banners and gates
 * then equal token-service's truth, whatever events were lost. One replica at
 * a time (table {@code reconciliation}).
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);
    private static final Duration HOLD = Duration.ofHours(1);

    /** Why a run starts; a daily run is skipped when one completed in the last 20 hours (another replica's). */
    public enum Trigger {
        STARTED_EMPTY(Duration.ZERO), EVENTS_LOST(Duration.ZERO), DAILY(Duration.ofHours(20));

        private final Duration minInterval;

        Trigger(Duration minInterval) {
            this.minInterval = minInterval;
        }
    }

    /** What a run changed; {@code ran} false when another replica held it. */
    public record Result(boolean ran, int applied, int removed) {
    }

    private final TokenServiceClient tokenService;
    private final HealthProjectionService projection;
    private final PlatformUserRepository users;
    private final ReconciliationRepository runs;
    private final Clock clock;
    private final Duration margin;
    private final int pageSize;

    public Reconciliation(@RestClient TokenServiceClient tokenService, HealthProjectionService projection, PlatformUserRepository users,
            ReconciliationRepository runs, Clock clock, ConnectorConfig config) {
        this.tokenService = tokenService;
        this.projection = projection;
        this.users = users;
        this.runs = runs;
        this.clock = clock;
        this.margin = config.reconcile().margin();
        this.pageSize = config.reconcile().pageSize();
    }

    public Uni<Result> run(Trigger trigger) {
        return runs.tryHold(clock.instant(), HOLD, trigger.minInterval).chain(held -> {
            if (!held) {
                return Uni.createFrom().item(new Result(false, 0, 0));
            }
            Instant started = clock.instant();
            return page(null, new Pass(started)).chain(this::removeMissing)
                    .call(() -> runs.completed(clock.instant()))
                    .invoke(r -> LOG.infof("reconciled with token-service (%s): %d platform users applied, %d removed",
                            trigger, r.applied(), r.removed()))
                    .onFailure().call(() -> runs.released(clock.instant()));
        });
    }

    /** One pass over token-service's records: those seen, and the earliest moment one was read. */
    private static final class Pass {
        final Set<UUID> seen = new HashSet<>();
        Instant firstObserved;
        final Instant started;

        Pass(Instant started) {
            this.started = started;
        }
    }

    private Uni<Pass> page(String cursor, Pass pass) {
        return tokenService.page(pageSize, cursor).chain(response -> {
            List<PlatformUserState> states = response.getEntity() == null ? List.of() : response.getEntity();
            String next = response.getHeaderString(TokenServiceClient.NEXT_CURSOR);
            Uni<Void> applied = Multi.createFrom().iterable(states).onItem().transformToUniAndConcatenate(s -> apply(s, pass))
                    .collect().last().replaceWithVoid();
            return applied.chain(() -> next == null || states.isEmpty() ? Uni.createFrom().item(pass) : page(next, pass));
        });
    }

    private Uni<Void> apply(PlatformUserState state, Pass pass) {
        pass.seen.add(UUID.fromString(state.platformUserId()));
        if (pass.firstObserved == null || state.observedAt().isBefore(pass.firstObserved)) {
            pass.firstObserved = state.observedAt();
        }
        TokenStatus asEvent;
        try {
            asEvent = state.asEventAt(ReconcileRules.asOf(state.observedAt(), margin));
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping platform user %s: status %s is unknown here", state.platformUserId(), state.status());
            return Uni.createFrom().voidItem();
        }
        return projection.applyState(asEvent, state.lastRefreshAt());
    }

    /** Every platform user last changed before the pass began and absent from it is gone from token-service. */
    private Uni<Result> removeMissing(Pass pass) {
        Instant cutoff = ReconcileRules.asOf(pass.firstObserved == null ? pass.started : pass.firstObserved, margin);
        return users.lastChangedBefore(cutoff).chain(known -> {
            List<PlatformUserRepository.Known> gone = known.stream().filter(k -> !pass.seen.contains(k.id())).toList();
            return Multi.createFrom().iterable(gone).onItem().transformToUniAndConcatenate(k -> projection.applyState(
                            new TokenStatus("reconciliation", TokenStatusType.PLATFORM_USER_DISCONNECTED, cutoff, k.workspaceId().toString(),
                                    k.platform(), k.id().toString(), k.externalUserId(), k.displayName(), null, null, null, List.of()), null))
                    .collect().last()
                    .map(ignored -> new Result(true, pass.seen.size(), gone.size()));
        });
    }
}
