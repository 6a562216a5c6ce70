package ai.wevion.token.provider;

import ai.wevion.authclient.api.ApiException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * Everything token-service asks of one provider, whatever its kind (Meta,
 * standard OAuth 2.0, the customer's own credentials): the catalog picks the
 * implementation once per platform, and nothing else asks which kind it is.
 * Every provider failure comes out as a {@link ProviderFailure.Exception}.
 */
public abstract class ProviderGateway {

    private final String platform;
    private final String displayName;
    private final Flow flow;
    private final boolean adminOnly;
    private final Duration refreshWindow;
    private final boolean shortLived;
    private final Duration onDemandWindow;
    private final Duration requestTimeout;
    private final int maxCallsPerSecond;

    protected ProviderGateway(String platform, String displayName, Flow flow, boolean adminOnly, Duration refreshWindow,
            boolean shortLived, Duration onDemandWindow, Duration requestTimeout, int maxCallsPerSecond) {
        this.platform = platform;
        this.displayName = displayName;
        this.flow = flow;
        this.adminOnly = adminOnly;
        this.refreshWindow = refreshWindow;
        this.shortLived = shortLived;
        this.onDemandWindow = onDemandWindow;
        this.requestTimeout = requestTimeout;
        this.maxCallsPerSecond = maxCallsPerSecond;
    }

    public String platform() {
        return platform;
    }

    /** What people see ("Google Ads"). */
    public String displayName() {
        return displayName;
    }

    public Flow flow() {
        return flow;
    }

    /** Integrations (Stripe, Google Drive): connect and re-authorize need admin or owner (T8). */
    public boolean adminOnly() {
        return adminOnly;
    }

    /** Tokens this close to their end are refreshed by the sweep (T3). */
    public Duration refreshWindow() {
        return refreshWindow;
    }

    /** Whether its access tokens live about an hour, so the per-minute pass refreshes them. */
    public boolean shortLived() {
        return shortLived;
    }

    /** A credential asked for this close to its end is refreshed first (T2). */
    public Duration onDemandWindow() {
        return onDemandWindow;
    }

    /** The longest one call to the provider may take before it counts as failed. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Calls per second this replica makes to the provider at most (its renewals wait their turn). */
    public int maxCallsPerSecond() {
        return maxCallsPerSecond;
    }

    /** The consent screen's URL for this state (T1); {@code reconnect} asks again for declined permissions. */
    public String authorizeUrl(String state, String codeChallenge, boolean reconnect) {
        throw wrongFlow();
    }

    /** The consent screen's code (and PKCE verifier) for tokens, identity and ad accounts (T1, T10). */
    public Uni<Authorized> authorize(String code, String codeVerifier) {
        throw wrongFlow();
    }

    /** The account's own API credentials for a token, identity and ad accounts (Taboola, Outbrain). */
    public Uni<Authorized> signIn(String login, String secret) {
        throw wrongFlow();
    }

    /** A fresh token for a stored one (T3), or proof that a token that never expires is still alive. */
    public abstract Uni<Renewed> renew(Held token);

    private ApiException wrongFlow() {
        return flow() == Flow.CREDENTIALS_FORM
                ? ApiException.badRequest("wrong_flow", displayName()
                        + " connects with the account's own API credentials: POST them to /api/v1/connect/" + platform() + "/credentials.")
                : ApiException.badRequest("wrong_flow", displayName()
                        + " connects through its consent screen: start at /api/v1/connect/" + platform() + "/authorize.");
    }
}
