import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP/HTTP receiver that keeps nothing: it answers every export (POST /v1/traces) with 200 and
 * counts the requests and bytes (and how often each TEXT, a URL path say, occurs in them), so a benchmark measures a service with tracing on and a collector
 * that keeps up, not a service whose spans queue for a collector that is not there. Prints its
 * counts on SIGTERM. Not a test (docs/performance.md).
 *   java tools/bench/OtlpSink.java PORT [TEXT...]
 */
public class OtlpSink {
    public static void main(String[] args) throws Exception {
        AtomicLong exports = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        String[] texts = java.util.Arrays.copyOfRange(args, 1, args.length);
        AtomicLong[] seen = java.util.stream.Stream.generate(AtomicLong::new).limit(texts.length).toArray(AtomicLong[]::new);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/v1/traces", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            bytes.addAndGet(body.length);
            String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (int i = 0; i < texts.length; i++) {
                for (int at = text.indexOf(texts[i]); at >= 0; at = text.indexOf(texts[i], at + 1)) {
                    seen[i].incrementAndGet();
                }
            }
            exports.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.printf("SINK exports=%d kilobytes=%d%n", exports.get(), bytes.get() / 1024);
            for (int i = 0; i < texts.length; i++) {
                System.out.printf("SINK seen %s %d%n", texts[i], seen[i].get());
            }
        }));
        server.start();
        System.out.println("SINK listening");
    }
}
