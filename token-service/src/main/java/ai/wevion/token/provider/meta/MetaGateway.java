package ai.wevion.token.provider.meta;

import ai.wevion.token.provider.Authorized;
import ai.wevion.token.provider.CallPacer;
import ai.wevion.token.provider.Flow;
import ai.wevion.token.provider.Held;
import ai.wevion.token.provider.ProviderGateway;
import ai.wevion.token.provider.Renewed;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;

/**
 * Meta: code → short-lived token → long-lived token (~60 days) at connect
 * (T10); the refresh is the long-lived exchange of the current token (T3),
 * paced over all of this replica's refreshes.
 */
public final class MetaGateway extends ProviderGateway {

    public static final String PLATFORM = "meta";
    /** A Meta token is refreshed on demand only this close to its end; the sweep handles the rest. */
    private static final Duration ON_DEMAND = Duration.ofHours(1);

    private final MetaClient meta;
    private final Clock clock;
    private final CallPacer pacer;

    public MetaGateway(MetaClient meta, MetaSettings settings, Duration window, Clock clock) {
        super(PLATFORM, "Meta", Flow.CONSENT_POPUP, false, window, false, ON_DEMAND, settings.requestTimeout(), settings.maxCallsPerSecond());
        this.meta = meta;
        this.clock = clock;
        this.pacer = new CallPacer(settings.maxCallsPerSecond());
    }

    @Override
    public String authorizeUrl(String state, String codeChallenge, boolean reconnect) {
        return meta.authorizeUrl(state, reconnect);
    }

    @Override
    public Uni<Authorized> authorize(String code, String codeVerifier) {
        return meta.exchangeCode(code)
                .chain(shortLived -> meta.exchangeForLongLived(shortLived.accessToken()))
                .chain(longLived -> meta.me(longLived.accessToken())
                        .chain(identity -> meta.adAccounts(longLived.accessToken())
                                .chain(accounts -> meta.dataAccessExpiresAt(longLived.accessToken())
                                        .map(dataAccess -> new Authorized(longLived.accessToken(), null,
                                                clock.instant().plusSeconds(longLived.expiresInSeconds()), dataAccess, null, identity,
                                                accounts)))));
    }

    @Override
    public Uni<Renewed> renew(Held token) {
        return pacer.paced(meta.exchangeForLongLived(token.accessToken()))
                .map(t -> new Renewed(t.accessToken(), null, t.expiresInSeconds()));
    }
}
