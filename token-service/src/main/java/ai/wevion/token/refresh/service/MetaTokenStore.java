package ai.wevion.token.refresh.service;

import ai.wevion.outbox.Outbox;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/** Meta's long-lived tokens ({@code meta_token}). */
@Singleton
public class MetaTokenStore extends TokenStore {

    public MetaTokenStore(Pool pool, Outbox outbox) {
        super(pool, outbox, "meta_token");
    }
}
