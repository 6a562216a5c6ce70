package ai.wevion.token;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** A sweep takes every due token in the database: tests that count sweep results start from none. */
abstract class EmptyTokenTables {

    @Inject
    Pool db;

    @BeforeEach
    void noTokensYet() {
        db.query("truncate platform_user, meta_token, ad_account cascade").execute().await().indefinitely();
    }
}
