package ai.wevion.token.store;

import ai.wevion.audit.AuditLog;
import ai.wevion.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The token tables: Meta's long-lived tokens and standard OAuth 2.0 providers' tokens, one {@link TokenStore} each. */
@ApplicationScoped
public class TokenStores {

    private final Pool pool;
    private final TokenStore metaTokens;
    private final TokenStore oauthTokens;

    public TokenStores(Pool pool, Outbox outbox, AuditLog audit) {
        this.pool = pool;
        StatusEvents events = new StatusEvents(outbox);
        this.metaTokens = new TokenStore(pool, events, audit, "meta_token");
        this.oauthTokens = new TokenStore(pool, events, audit, "oauth_token");
    }

    public TokenStore metaTokens() {
        return metaTokens;
    }

    public TokenStore oauthTokens() {
        return oauthTokens;
    }

    /** How many records there are, per platform and status (ACTIVE, EXPIRED, ARCHIVED): for the dashboards and alerts. */
    public record Count(String platform, String status, long records) {
    }

    public Uni<List<Count>> counts() {
        return pool.query("select platform, status, count(*) as records from platform_user group by platform, status").execute()
                .map(rows -> {
                    List<Count> counts = new ArrayList<>();
                    rows.forEach(r -> counts.add(new Count(r.getString("platform"), r.getString("status"), r.getLong("records"))));
                    return counts;
                });
    }

    /** Which platform a record is on (its provider decides its store); null when there is no such record. */
    public Uni<String> platformOf(UUID platformUserId) {
        return pool.preparedQuery("select platform from platform_user where id = $1").execute(Tuple.of(platformUserId))
                .map(Sql::first).map(r -> r == null ? null : r.getString("platform"));
    }
}
