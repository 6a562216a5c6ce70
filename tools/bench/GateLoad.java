import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-rate load on the gate check: RATE requests/s for SECONDS over at most
 * 64 connections, latency measured from each request's scheduled send time,
 * so a request that waits for a free connection counts its wait (no
 * coordinated omission). A first 5-second run at the same rate warms up this
 * generator's own JIT and connections and is not reported.
 * Args: baseUrl token idsFile rate seconds
 */
public class GateLoad {
    public static void main(String[] a) throws Exception {
        String base = a[0], token = a[1];
        List<String> ids = Files.readAllLines(Path.of(a[2]));
        int rate = Integer.parseInt(a[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        run(http, base, token, ids, rate, 5);
        System.out.println("RESULT " + run(http, base, token, ids, rate, Integer.parseInt(a[4])));
        System.exit(0);
    }

    static String run(HttpClient http, String base, String token, List<String> ids, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 100_000_000L;
        AtomicInteger next = new AtomicInteger();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            while (next.get() < total) {
                int i = next.get();
                long due = start + (long) i * 1_000_000_000L / rate;
                if (due > now || !inFlight.tryAcquire()) {
                    break;
                }
                next.incrementAndGet();
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/internal/v1/ad-accounts/" + ids.get(i % ids.size())
                        + "/gate?action=publish")).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    latencies[i] = System.nanoTime() - due;
                    inFlight.release();
                    if (e != null || r.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    done.countDown();
                });
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        done.await(seconds + 30L, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - start) / 1e9;
        ticker.shutdownNow();
        Arrays.sort(latencies);
        return String.format("target_rps=%d requests=%d achieved_rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d",
                rate, total, total / wall, latencies[total / 2] / 1e6, latencies[(int) (total * 0.99)] / 1e6,
                latencies[total - 1] / 1e6, errors.get());
    }
}
