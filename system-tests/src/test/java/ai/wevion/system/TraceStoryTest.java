package ai.wevion.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.system.SystemApi.User;
import ai.wevion.system.TraceCollector.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace per story (issue 16, point 6), as an on-call engineer follows it
 * in the tracing backend: a refresh that fails for good is one trace from
 * the job that ran it, through the call to the provider and the token-status
 * event the outbox relay sent later, to connector-service turning the card
 * yellow and notification-service ringing the bell — and the services' JSON
 * log lines of that story carry its trace id.
 */
class TraceStoryTest {

    @BeforeAll
    static void theSystemRuns() {
        WevionSystem.start();
    }

    @Test
    void aFailedRefreshIsOneTraceFromTheSweepThroughTheProviderCallAndTheEventToTheCardAndTheBell_T3_C1_N1() throws IOException {
        User buyer = SystemApi.signUp();
        String sim = SystemApi.simUser("meta", Map.of("name", "Ana", "tokenLifetimeSeconds", 3 * 86400,
                "adAccounts", SystemApi.adAccounts("acc-" + UUID.randomUUID().toString().substring(0, 8))));
        SystemApi.connect(buyer, "meta", sim);
        SystemApi.simFailure("meta", sim, "APP_REMOVED");
        String traceId = hex(16);
        String jobSpanId = hex(8);

        // the scheduler's call, in a trace of its own (as the CronJob's would be)
        given().baseUri(WevionSystem.TOKEN).header("Authorization", "Bearer " + SystemApi.serviceJwtOf("scheduler"))
                .header("traceparent", "00-" + traceId + "-" + jobSpanId + "-01")
                .post("/internal/v1/refresh-sweep").then().statusCode(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> "yellow".equals(SystemApi.card(buyer, "meta").get("badge")));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<Span> trace = TraceCollector.trace(traceId);
            Set<String> ids = trace.stream().map(Span::spanId).collect(Collectors.toSet());
            Span sweep = one(trace, "token-service", "SERVER", "refresh-sweep");
            assertThat(sweep.parentSpanId()).as("the sweep continues the scheduler's trace").isEqualTo(jobSpanId);
            assertThat(trace).as("the call to the provider is in the story: " + names(trace))
                    .anyMatch(s -> s.service().equals("token-service") && s.kind().equals("CLIENT")
                            && s.attributes().values().stream().anyMatch(v -> v.contains("19089")));
            List<Span> published = all(trace, "token-service", "PRODUCER", "token-status");
            assertThat(published).as("the events are sent as part of the sweep's story, not the relay's poll")
                    .allMatch(p -> ids.contains(p.parentSpanId()));
            Set<String> producers = published.stream().map(Span::spanId).collect(Collectors.toSet());
            assertThat(all(trace, "connector-service", "CONSUMER", "token-status")).as("connector-service continues a producer's span")
                    .anyMatch(c -> producers.contains(c.parentSpanId()));
            assertThat(all(trace, "notification-service", "CONSUMER", "token-status")).as("notification-service continues a producer's span")
                    .anyMatch(c -> producers.contains(c.parentSpanId()));
        });
        assertThat(Files.readAllLines(Path.of("target", "token-service.log")))
                .as("token-service's JSON log lines of the story carry its trace id")
                .anyMatch(line -> line.startsWith("{") && line.contains("\"traceId\":\"" + traceId + "\""));
    }

    /** A service's spans of a kind whose name contains {@code name} (the same sweep may renew other tokens too): at least one. */
    private static List<Span> all(List<Span> trace, String service, String kind, String name) {
        List<Span> found = trace.stream().filter(s -> s.service().equals(service) && s.kind().equals(kind) && s.name().contains(name)).toList();
        assertThat(found).as(service + " " + kind + " " + name + " in " + names(trace)).isNotEmpty();
        return found;
    }

    private static Span one(List<Span> trace, String service, String kind, String name) {
        List<Span> found = all(trace, service, kind, name);
        assertThat(found).as(service + " " + kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static List<String> names(List<Span> trace) {
        return trace.stream().map(s -> s.service() + " " + s.kind() + " " + s.name()).toList();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
