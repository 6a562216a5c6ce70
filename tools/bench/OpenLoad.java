import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load at a fixed rate, the way wrk2 does it: request i is due at
 * start + i/rate whatever happened to the ones before it, and its latency is
 * measured from that intended send time, so a stall of the service (or of a
 * full connection pool) shows in every request that should have gone out
 * during it (no coordinated omission). Non-blocking (one Vert.x event loop),
 * latencies in an HdrHistogram (microseconds, 3 significant digits).
 *
 * A warm-up at the same rate runs first and is not reported.
 *
 * Args: METHOD baseUrl pathTemplate valuesFile headerName headerTemplate rate seconds [warmupSeconds=10] [connections=64]
 *   pathTemplate and headerTemplate may hold "{}", replaced by the next line of valuesFile (round robin).
 * Prints one line: RESULT slow_seconds=(each second whose worst latency passed 20 ms) target_rps=... achieved_rps=... p50_ms=... p90_ms=... p99_ms=... p999_ms=... max_ms=... errors=...
 */
public class OpenLoad {
    public static void main(String[] a) throws Exception {
        HttpMethod method = HttpMethod.valueOf(a[0]);
        URI base = URI.create(a[1]);
        String pathTemplate = a[2];
        List<String> values = Files.readAllLines(Path.of(a[3]));
        String headerName = a[4], headerTemplate = a[5];
        int rate = Integer.parseInt(a[6]);
        int seconds = Integer.parseInt(a[7]);
        int warmup = a.length > 8 ? Integer.parseInt(a[8]) : 10;
        int connections = a.length > 9 ? Integer.parseInt(a[9]) : 64;

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        Load load = new Load(vertx, http, method, pathTemplate, values, headerName, headerTemplate);
        load.run(rate, warmup);
        System.out.println("RESULT " + load.run(rate, seconds));
        vertx.close();
        System.exit(0);
    }

    record Load(Vertx vertx, HttpClient http, HttpMethod method, String pathTemplate, List<String> values,
                String headerName, String headerTemplate) {

        String run(int rate, int seconds) throws InterruptedException {
            long total = (long) rate * seconds;
            Histogram latencies = new Histogram(60_000_000L, 3);
            long[] worstPerSecond = new long[seconds + 61];
            AtomicLong errors = new AtomicLong();
            CountDownLatch done = new CountDownLatch((int) total);
            long start = System.nanoTime() + 50_000_000L;
            long[] next = {0};
            // every millisecond, send every request whose time has come; latency counts from its due time
            long timer = vertx.setPeriodic(1, id -> {
                long now = System.nanoTime();
                while (next[0] < total) {
                    long i = next[0];
                    long due = start + i * 1_000_000_000L / rate;
                    if (due > now) {
                        break;
                    }
                    next[0]++;
                    String value = values.get((int) (i % values.size()));
                    RequestOptions options = new RequestOptions().setMethod(method).setURI(pathTemplate.replace("{}", value))
                            .putHeader(headerName, headerTemplate.replace("{}", value)).setTimeout(30_000);
                    http.request(options)
                            .compose(request -> request.send().compose(response -> response.body().map(b -> response.statusCode())))
                            .onComplete(result -> {
                                long micros = Math.min((System.nanoTime() - due) / 1_000, latencies.getHighestTrackableValue());
                                latencies.recordValue(micros);
                                int second = (int) ((due - start) / 1_000_000_000L);
                                worstPerSecond[second] = Math.max(worstPerSecond[second], micros);
                                if (result.failed() || result.result() >= 300) {
                                    errors.incrementAndGet();
                                }
                                done.countDown();
                            });
                }
            });
            done.await(seconds + 60L, TimeUnit.SECONDS);
            double wall = (System.nanoTime() - start) / 1e9;
            vertx.cancelTimer(timer);
            StringBuilder slow = new StringBuilder();
            for (int i = 0; i < worstPerSecond.length; i++) {
                if (worstPerSecond[i] > 20_000) {
                    slow.append(slow.isEmpty() ? "" : ",").append(i).append("s:").append(worstPerSecond[i] / 1_000).append("ms");
                }
            }
            return String.format("slow_seconds=%s target_rps=%d requests=%d achieved_rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f errors=%d",
                    slow.isEmpty() ? "none" : slow, rate, latencies.getTotalCount(), latencies.getTotalCount() / wall, ms(latencies, 50), ms(latencies, 90),
                    ms(latencies, 99), ms(latencies, 99.9), latencies.getMaxValue() / 1e3, errors.get());
        }

        static double ms(Histogram h, double percentile) {
            return h.getValueAtPercentile(percentile) / 1e3;
        }
    }
}
