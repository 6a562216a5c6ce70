package ai.wevion.token.provider.oauth2;

import ai.wevion.token.provider.Authorized;
import ai.wevion.token.provider.CallPacer;
import ai.wevion.token.provider.Flow;
import ai.wevion.token.provider.Granted;
import ai.wevion.token.provider.Held;
import ai.wevion.token.provider.ProviderGateway;
import ai.wevion.token.provider.Renewed;
import io.smallrye.mutiny.Uni;
import java.time.Clock;

/**
 * A provider that takes the account's own API credentials (Taboola: client id
 * and secret; Outbrain: username and password): exchanged for a token at
 * connect and again at every renewal, so the secret is kept (encrypted, in the
 * refresh column).
 */
public final class CredentialsGateway extends ProviderGateway {

    private final OAuth2Settings p;
    private final OAuth2Client oauth;
    private final Clock clock;
    private final CallPacer pacer;

    public CredentialsGateway(String platform, OAuth2Settings settings, OAuth2Client oauth, Clock clock) {
        super(platform, settings.displayName(), Flow.CREDENTIALS_FORM, settings.adminOnly(), settings.refreshBuffer(), true,
                OAuth2Gateway.ON_DEMAND, settings.requestTimeout(), settings.maxCallsPerSecond());
        this.p = settings;
        this.oauth = oauth;
        this.clock = clock;
        this.pacer = new CallPacer(settings.maxCallsPerSecond());
    }

    @Override
    public Uni<Authorized> signIn(String login, String secret) {
        return oauth.credentialsGrant(p, login, secret)
                .chain(tokens -> oauth.adAccounts(p, tokens.accessToken()).map(accounts -> new Authorized(tokens.accessToken(),
                        secret, tokens.expiresInSeconds() == null ? null : clock.instant().plusSeconds(tokens.expiresInSeconds()),
                        null, null, new Granted.Identity(login, accounts.size() == 1 ? accounts.get(0).name() : login), accounts)));
    }

    @Override
    public Uni<Renewed> renew(Held token) {
        if (token.expiresAt() == null) {
            return pacer.paced(oauth.identity(p, token.accessToken())).map(alive -> new Renewed(token.accessToken(), null, null));
        }
        return pacer.paced(oauth.credentialsGrant(p, token.externalUserId(), token.refreshToken()))
                .map(t -> new Renewed(t.accessToken(), null, t.expiresInSeconds()));
    }
}
