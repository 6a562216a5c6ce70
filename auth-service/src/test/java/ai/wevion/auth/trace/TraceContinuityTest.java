package ai.wevion.auth.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.auth.AuthApi;
import ai.wevion.auth.AuthApi.Login;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One trace per story (issue 16, point 6): an admin's request, the audit event
 * it writes to the outbox in its transaction, the record the relay sends later
 * from another context, and the consumer that keeps the entry are one trace —
 * the consumer's span has the producer's span as parent, and the producer's
 * span belongs to the request's trace, not to the relay's poll.
 */
@QuarkusTest
class TraceContinuityTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void anAuditEventsConsumerSpanHasTheProducerSpanOfTheRequestsTraceAsParent() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login member = AuthApi.newMember(owner, "member");
        String traceId = hex(16);
        String callerSpanId = hex(8);

        given().header("Authorization", owner.bearer()).header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .patch("/api/v1/workspaces/" + owner.workspaceId() + "/members/" + member.userId()).then().statusCode(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            SpanData server = only(trace, SpanKind.SERVER, null);
            assertThat(server.getParentSpanId()).as("the request continues the caller's trace").isEqualTo(callerSpanId);
            SpanData producer = only(trace, SpanKind.PRODUCER, "audit-events");
            Set<String> inTrace = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
            assertThat(inTrace).as("the record is sent as part of the request's story").contains(producer.getParentSpanId());
            SpanData consumer = only(trace, SpanKind.CONSUMER, "audit-events");
            assertThat(consumer.getParentSpanId()).as("the consumer continues the producer's span").isEqualTo(producer.getSpanId());
        });
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind, String nameContains) {
        List<SpanData> found = trace.stream().filter(s -> s.getKind() == kind)
                .filter(s -> nameContains == null || s.getName().contains(nameContains)).toList();
        assertThat(found).as(kind + " span " + Optional.ofNullable(nameContains).orElse("") + " in " + names(trace)).hasSize(1);
        return found.get(0);
    }

    private static List<String> names(List<SpanData> trace) {
        return trace.stream().map(s -> s.getKind() + " " + s.getName()).toList();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
