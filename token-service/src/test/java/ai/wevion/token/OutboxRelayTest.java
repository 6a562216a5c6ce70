package ai.wevion.token;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import ai.wevion.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay and a broker that takes a batch only in part (T11): every
 * acknowledged event reaches the topic once, the rest wait in the outbox.
 */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    Pool db;

    @Test
    void aBatchTheBrokerTakesOnlyInPartSendsEachAcknowledgedRowOnceAndKeepsTheRest_T11() {
        String run = UUID.randomUUID().toString();
        String before = "{\"test\":\"" + run + "-before\"}";
        String after = "{\"test\":\"" + run + "-after\"}";
        // the broker refuses the middle record (larger than a request may be), as it refuses those sent while it is away
        String refused = "{\"test\":\"" + run + "-refused\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        try (TopicProbe topic = new TopicProbe("token-status")) {
            db.withTransaction(conn -> conn.preparedQuery("insert into outbox_event (topic, message_key, payload) values ($1, $2, $3)")
                    .executeBatch(List.of(Tuple.of("token-status", run + "-a", before), Tuple.of("token-status", run + "-b", refused),
                            Tuple.of("token-status", run + "-c", after))))
                    .await().indefinitely();

            await().atMost(Duration.ofSeconds(10)).until(() -> count(topic, before) == 1 && count(topic, after) == 1);
            // the relay retries the refused row (at 200 ms, 400, 800, 1.6 s): the acknowledged ones are not sent again
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> count(topic, before) == 1 && count(topic, after) == 1);
            assertThat(waiting(run)).as("rows still in the outbox").containsExactly(run + "-b");
            // and the operator sees it waiting (the OutboxBacklog alert reads these)
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge("wevion_outbox_pending") >= 1 && gauge("wevion_outbox_oldest_age_seconds") >= 1);
        } finally {
            db.preparedQuery("delete from outbox_event where message_key like $1").execute(Tuple.of(run + "%")).await().indefinitely();
        }
    }

    private static double gauge(String name) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static long count(TopicProbe topic, String payload) {
        return topic.events().stream().filter(payload::equals).count();
    }

    private List<String> waiting(String run) {
        return db.preparedQuery("select message_key from outbox_event where message_key like $1 order by id").execute(Tuple.of(run + "%"))
                .map(rows -> {
                    List<String> keys = new ArrayList<>();
                    rows.forEach(r -> keys.add(r.getString("message_key")));
                    return keys;
                }).await().indefinitely();
    }
}
