package ai.wevion.token.provider.oauth2;

import ai.wevion.token.provider.Authorized;
import ai.wevion.token.provider.CallPacer;
import ai.wevion.token.provider.Flow;
import ai.wevion.token.provider.Held;
import ai.wevion.token.provider.ProviderGateway;
import ai.wevion.token.provider.Renewed;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A standard OAuth 2.0 provider with a consent screen (Google, Snapchat,
 * TikTok, Stripe): code (+ PKCE verifier) → access and refresh tokens; the
 * refresh_token grant keeps the access token fresh; a token that never
 * expires is checked for life with one identity call, since only a
 * revocation ends it.
 */
public final class OAuth2Gateway extends ProviderGateway {

    /** An access token lives about an hour: refreshed on demand in its last minutes. */
    static final Duration ON_DEMAND = Duration.ofMinutes(5);

    private final OAuth2Settings p;
    private final OAuth2Client oauth;
    private final Clock clock;
    private final CallPacer pacer;

    public OAuth2Gateway(String platform, OAuth2Settings settings, OAuth2Client oauth, Clock clock) {
        super(platform, settings.displayName(), Flow.CONSENT_POPUP, settings.adminOnly(), settings.refreshBuffer(), true, ON_DEMAND,
                settings.requestTimeout(), settings.maxCallsPerSecond());
        this.p = settings;
        this.oauth = oauth;
        this.clock = clock;
        this.pacer = new CallPacer(settings.maxCallsPerSecond());
    }

    @Override
    public String authorizeUrl(String state, String codeChallenge, boolean reconnect) {
        return oauth.authorizeUrl(p, state, codeChallenge);
    }

    @Override
    public Uni<Authorized> authorize(String code, String codeVerifier) {
        return oauth.exchangeCode(p, code, codeVerifier)
                .chain(tokens -> oauth.identity(p, tokens.accessToken())
                        .chain(identity -> oauth.adAccounts(p, tokens.accessToken())
                                .map(accounts -> new Authorized(tokens.accessToken(), tokens.refreshToken(),
                                        after(tokens.expiresInSeconds()), null, after(tokens.refreshExpiresInSeconds()), identity,
                                        accounts))));
    }

    @Override
    public Uni<Renewed> renew(Held token) {
        if (token.expiresAt() == null) {
            return pacer.paced(oauth.identity(p, token.accessToken())).map(alive -> new Renewed(token.accessToken(), null, null));
        }
        return pacer.paced(oauth.refresh(p, token.refreshToken()))
                .map(t -> new Renewed(t.accessToken(), t.refreshToken(), t.expiresInSeconds()));
    }

    private Instant after(Long seconds) {
        return seconds == null ? null : clock.instant().plusSeconds(seconds);
    }
}
