import ai.wevion.testing.TestJwts;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds N due Meta tokens (real simulator tokens, encrypted like the service
 * does) and times one refresh sweep through POST /internal/v1/refresh-sweep.
 * Run by bench/token-sweep.sh with token-service's and test-support's classpath.
 * Args: tokens simUrl serviceUrl jdbcUrl keysetFile latencyMs concurrency
 */
public class TokenSweepBench {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        String sim = a[1], service = a[2], jdbc = a[3];
        Path keyset = Path.of(a[4]);
        long latencyMs = Long.parseLong(a[5]);
        int concurrency = Integer.parseInt(a[6]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        post(http, sim + "/sim/settings", "{\"latencyMs\":0}");
        long t0 = System.nanoTime();
        String users = post(http, sim + "/sim/meta/bulk-users", "{\"count\":" + n + ",\"tokenLifetimeSeconds\":5183944}");
        AeadConfig.register();
        Aead aead = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(keyset), InsecureSecretKeyAccess.get())
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        UUID workspace = UUID.randomUUID();
        Instant now = Instant.now();
        Timestamp dueIn3Days = Timestamp.from(now.plus(Duration.ofDays(3)));
        try (Connection db = DriverManager.getConnection(jdbc, "wevion", "wevion")) {
            db.setAutoCommit(false);
            db.createStatement().execute("truncate platform_user, meta_token, ad_account, outbox_event cascade");
            PreparedStatement pu = db.prepareStatement("insert into platform_user (id, workspace_id, platform, external_user_id, "
                    + "display_name, connected_by, status, created_at, updated_at) values (?, ?, 'meta', ?, ?, ?, 'ACTIVE', ?, ?)");
            PreparedStatement mt = db.prepareStatement("insert into meta_token (platform_user_id, access_token, expires_at, "
                    + "token_status, updated_at) values (?, ?, ?, 'ACTIVE', ?)");
            Matcher m = Pattern.compile("\"externalUserId\":\"([^\"]+)\",\"accessToken\":\"([^\"]+)\"").matcher(users);
            Timestamp created = Timestamp.from(now.minusSeconds(60));
            int seeded = 0;
            while (m.find()) {
                UUID id = UUID.randomUUID();
                pu.setObject(1, id); pu.setObject(2, workspace); pu.setString(3, m.group(1)); pu.setString(4, "Bulk " + seeded);
                pu.setObject(5, workspace); pu.setTimestamp(6, created); pu.setTimestamp(7, created); pu.addBatch();
                byte[] ct = aead.encrypt(m.group(2).getBytes(StandardCharsets.UTF_8), id.toString().getBytes(StandardCharsets.UTF_8));
                mt.setObject(1, id); mt.setString(2, Base64.getEncoder().encodeToString(ct)); mt.setTimestamp(3, dueIn3Days);
                mt.setTimestamp(4, created); mt.addBatch();
                if (++seeded % 5000 == 0) { pu.executeBatch(); mt.executeBatch(); }
            }
            pu.executeBatch(); mt.executeBatch();
            db.commit();
            System.err.printf("    seeded %d due tokens in %.1f s%n", seeded, (System.nanoTime() - t0) / 1e9);
        }

        post(http, sim + "/sim/settings", "{\"latencyMs\":" + latencyMs + "}");
        http.send(HttpRequest.newBuilder(URI.create(sim + "/sim/stats")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        long start = System.nanoTime();
        HttpResponse<String> sweep = http.send(HttpRequest.newBuilder(URI.create(service + "/internal/v1/refresh-sweep"))
                .header("Authorization", "Bearer " + TestJwts.service("scheduler"))
                .timeout(Duration.ofMinutes(60)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        String stats = http.send(HttpRequest.newBuilder(URI.create(sim + "/sim/stats")).build(), HttpResponse.BodyHandlers.ofString()).body();
        long exchanges = Pattern.compile("\"meta:exchange:[^\"]+\":(\\d+)").matcher(stats).results()
                .mapToLong(r -> Long.parseLong(r.group(1))).sum();
        double ideal = n * latencyMs / 1000.0 / concurrency;
        System.out.printf("RESULT sweep=%s status=%d tokens=%d exchanges=%d wall_s=%.1f refreshes_per_s=%.0f ideal_s=%.1f ratio_to_ideal=%.2f%n",
                sweep.body(), sweep.statusCode(), n, exchanges, seconds, n / seconds, ideal, seconds / ideal);
        post(http, sim + "/sim/settings", "{\"latencyMs\":0}");
    }

    private static String post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
