package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * T2: the plaintext of every token the simulator issued (all six providers), and of every secret a
 * user typed in (Taboola, Outbrain), appears in no log
 * line, no API answer (but the internal credentials endpoint, the one place a
 * token leaves), no event and no database column.
 */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class SecretsStaySecretTest {

    @Inject
    Pool db;

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    void noIssuedTokenAppearsInLogsAnswersEventsOrTheDatabase_T2() throws Exception {
        User owner = TokenApi.owner();
        TopicProbe events = new TopicProbe("token-status"); // every event from here on
        String healthy = TokenApi.metaUser("Healthy", 5183944);
        String failing = TokenApi.metaUser("Failing", 5183944);
        String healthyId = (String) TokenApi.connect(owner, healthy).get("platformUserId");
        TokenApi.connect(owner, failing);
        String googleId = OAuthApi.connect(owner, "google-ads", OAuthApi.simUser("google", "Secret Google", "555"));
        OAuthApi.connect(owner, "tiktok", OAuthApi.simUser("tiktok", "Secret TikTok", "7009"));
        OAuthApi.connect(owner, "snapchat", OAuthApi.simUser("snapchat", "Secret Snapchat", "snap-9"));
        String taboolaClient = OAuthApi.simUser("taboola", "Secret Taboola", "secret-network");
        String outbrainLogin = OAuthApi.simUser("outbrain", "Secret Outbrain", "secret-mk");
        List<String> typedSecrets = List.of(taboolaClient + "-secret", outbrainLogin + "-password");
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("login", taboolaClient, "secret", typedSecrets.get(0))).post("/api/v1/connect/taboola/credentials")
                .then().statusCode(200);
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("login", outbrainLogin, "secret", typedSecrets.get(1))).post("/api/v1/connect/outbrain/credentials")
                .then().statusCode(200);
        ProviderSimulator.fail("meta", failing, Map.of("mode", "PASSWORD_CHANGED"));
        MutableClock.advance(Duration.ofDays(57));

        List<String> answers = new ArrayList<>();
        try (events) {
            answers.add(TokenApi.sweep().asString());
            answers.add(TokenApi.platformUsers(owner).asString());
            answers.add(given().get("/q/openapi").asString());
            await().atMost(Duration.ofSeconds(10)).until(() -> events.events().stream()
                    .anyMatch(e -> e.contains("\"TOKEN_REFRESHED\"") && e.contains(healthyId)));
            String current = TokenApi.credential(healthyId).path("accessToken");
            assertThat(current).startsWith("EAAG");

            answers.add(TokenApi.platformUsers(owner).asString());
            assertThat(TokenApi.credential(googleId).path("accessToken").toString()).startsWith("ya29.");
            List<String> issued = new ArrayList<>(ProviderSimulator.issuedTokens("meta"));
            assertThat(issued).contains(current).hasSizeGreaterThanOrEqualTo(5);
            issued.addAll(ProviderSimulator.issuedTokens("google")); // access and refresh tokens, refreshed by the sweep
            for (String provider : List.of("tiktok", "snapchat", "taboola", "outbrain")) {
                assertThat(ProviderSimulator.issuedTokens(provider)).as(provider + " issued tokens").isNotEmpty();
                issued.addAll(ProviderSimulator.issuedTokens(provider));
            }
            issued.addAll(typedSecrets); // the Taboola client secret and the Outbrain password a user typed in
            assertThat(ProviderSimulator.calls("google", "token.refresh_token", OAuthApi.platformUser(owner, googleId)
                    .get("externalUserId").toString())).isGreaterThanOrEqualTo(1);
            String everything = String.join("\n", answers) + "\n" + String.join("\n", events.events()) + "\n"
                    + databaseDump() + "\n" + Files.readString(Path.of("target/token-service-test.log"));
            // the scan reads real material: the log has Meta calls with their (masked) tokens
            assertThat(everything).contains(healthyId).contains("fb_exchange_token=****").contains("access_token=****");
            for (String token : issued) {
                assertThat(everything).as("a token leaked").doesNotContain(token);
            }
        }
        ProviderSimulator.fail("meta", failing, Map.of("mode", "NONE"));
    }

    private String databaseDump() {
        StringBuilder dump = new StringBuilder();
        List<String> tables = new ArrayList<>();
        db.query("select table_name from information_schema.tables where table_schema = 'public'").execute()
                .await().indefinitely().forEach(r -> tables.add(r.getString(0)));
        for (String table : tables) {
            for (Row row : db.query("select t::text from \"" + table + "\" t").execute().await().indefinitely()) {
                dump.append(table).append(' ').append(row.getString(0)).append('\n');
            }
        }
        return dump.toString();
    }
}
