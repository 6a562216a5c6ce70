package ai.wevion.system;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What an OpenTelemetry collector receives from the services, kept in memory:
 * an OTLP/HTTP receiver ({@code POST /v1/traces}, protobuf) on a port of its
 * own, as the collector in deploy/base/otel-collector is over gRPC. The most
 * recent {@value #KEPT} spans are kept (a long soak sends many).
 */
final class TraceCollector {

    static final int PORT = 19318;
    static final String ENDPOINT = "http://127.0.0.1:" + PORT;
    private static final int KEPT = 200_000;

    /** One finished span as the collector sees it; ids in lower-case hex, parent "" for a root. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind, Map<String, String> attributes) {
    }

    private static final ConcurrentLinkedDeque<Span> SPANS = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger SIZE = new AtomicInteger();
    private static HttpServer server;

    private TraceCollector() {
    }

    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                keep(ExportTraceServiceRequest.parseFrom(body));
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                out.write(answer);
            }
        });
        server.start();
    }

    /** The spans of one trace received so far. */
    static List<Span> trace(String traceId) {
        return SPANS.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private static void keep(ExportTraceServiceRequest request) {
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service = attributes(resourceSpans.getResource()).getOrDefault("service.name", "?");
            for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : scope.getSpansList()) {
                    SPANS.add(new Span(service, hex(s.getTraceId().toByteArray()), hex(s.getSpanId().toByteArray()),
                            hex(s.getParentSpanId().toByteArray()), s.getName(), s.getKind().name().replace("SPAN_KIND_", ""),
                            attributes(s.getAttributesList())));
                    if (SIZE.incrementAndGet() > KEPT) {
                        SPANS.pollFirst();
                        SIZE.decrementAndGet();
                    }
                }
            }
        }
    }

    private static Map<String, String> attributes(Resource resource) {
        return attributes(resource.getAttributesList());
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        return list.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().hasStringValue()
                ? kv.getValue().getStringValue() : String.valueOf(kv.getValue().hasIntValue() ? kv.getValue().getIntValue() : kv.getValue()),
                (a, b) -> b));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
