package ai.wevion.token.refresh.service;

import ai.wevion.outbox.Outbox;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/** Standard OAuth 2.0 providers' tokens ({@code oauth_token}). */
@Singleton
public class OAuthTokenStore extends TokenStore {

    public OAuthTokenStore(Pool pool, Outbox outbox) {
        super(pool, outbox, "oauth_token");
    }
}
