import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * From a token-status event to what a client sees, over many events: W
 * workspaces with U connected Meta users each, every workspace's two live
 * streams open (the connector cards, the bell) as the console opens them; then
 * one user after another is deauthorized on Meta's side (its signed webhook,
 * which token-service answers after the state change and its outbox row are
 * committed) at a fixed pace. Per event: from the webhook's answer to the card
 * turning yellow in the cards stream, and to the bell's entry in the bell
 * stream; and the outbox relay's share, from the answer to the record's
 * timestamp on token-status (a consumer of the topic, as connector-service is).
 * Everything through the gateway, as a browser would.
 *
 * Args: gatewayUrl simUrl kafkaBootstrap metaAppSecret workspaces usersPerWorkspace eventsPerSecond authServiceUrl
 *   (sign-ups go to auth-service itself, each from its own forwarded address: through the gateway they
 *   would all come from one address, which may sign up 20 times an hour)
 * Prints RESULT lines with p50/p90/p99/max per figure.
 */
public class EventToScreen {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient PLAIN = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newFixedThreadPool(4)).build();

    record Workspace(String jwt, HttpClient http, List<String> names) {
    }

    record User(Workspace workspace, String name, String simUserId) {
    }

    static final Pattern EXPIRED_COUNT = Pattern.compile("(\\d+) connections have expired");
    static final Map<String, Long> CARD_SEEN = new ConcurrentHashMap<>();
    static final Map<String, Long> BELL_SEEN = new ConcurrentHashMap<>();
    static final Map<String, Long> RECORD_TIME = new ConcurrentHashMap<>();

    public static void main(String[] a) {
        try {
            run(a);
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the streams' and the clients' threads would keep the JVM up
        }
    }

    static void run(String[] a) throws Exception {
        String gateway = a[0], sim = a[1], kafka = a[2], appSecret = a[3];
        int workspaces = Integer.parseInt(a[4]), perWorkspace = Integer.parseInt(a[5]), rate = Integer.parseInt(a[6]);
        String auth = a[7];
        String run = Long.toString(System.currentTimeMillis(), 36);

        System.err.printf("    %d workspaces x %d connected Meta users%n", workspaces, perWorkspace);
        List<User> users = new ArrayList<>();
        for (int w = 0; w < workspaces; w++) {
            Workspace ws = signUp(auth, run, w);
            for (int u = 0; u < perWorkspace; u++) {
                String name = "E2S " + run + " " + w + "-" + u;
                String simUser = connect(gateway, sim, ws, name);
                users.add(new User(ws, name, simUser));
                ws.names().add(name);
            }
            openStreams(gateway, ws);
        }
        Map<String, String> nameByExternalId = new ConcurrentHashMap<>();
        users.forEach(u -> nameByExternalId.put(u.simUserId(), u.name()));
        watchTopic(kafka, nameByExternalId);
        Thread.sleep(3_000); // every stream has sent its first page of cards

        System.err.printf("    %d deauthorizations at %d/s%n", users.size(), rate);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < users.size(); i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            User user = users.get(i);
            int status = deauthorize(gateway, appSecret, user.simUserId());
            if (status != 200) {
                throw new IllegalStateException("deauthorize answered " + status);
            }
            sentAt.put(user.name(), System.currentTimeMillis());
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while ((CARD_SEEN.size() < users.size() || BELL_SEEN.size() < users.size()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        print("card_turns_yellow", users, sentAt, CARD_SEEN);
        print("bell_entry", users, sentAt, BELL_SEEN);
        print("outbox_relay_share", users, sentAt, RECORD_TIME);
    }

    static void print(String figure, List<User> users, Map<String, Long> sent, Map<String, Long> seen) {
        long[] ms = users.stream().filter(u -> seen.containsKey(u.name()))
                .mapToLong(u -> Math.max(0, seen.get(u.name()) - sent.get(u.name()))).sorted().toArray();
        if (ms.length == 0) {
            System.out.printf("RESULT figure=%s events=0 missing=%d%n", figure, users.size());
            return;
        }
        System.out.printf("RESULT figure=%s events=%d missing=%d p50_ms=%d p90_ms=%d p99_ms=%d max_ms=%d%n", figure, ms.length,
                users.size() - ms.length, at(ms, 50), at(ms, 90), at(ms, 99), ms[ms.length - 1]);
    }

    /** Nearest rank. */
    static long at(long[] sorted, double percentile) {
        return sorted[Math.max(0, (int) Math.ceil(percentile / 100 * sorted.length) - 1)];
    }

    static Workspace signUp(String auth, String run, int w) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String email = "e2s-" + run + "-" + w + "@example.com";
        String address = "10.7." + (w / 250) + "." + (w % 250 + 1);
        send(http, HttpRequest.newBuilder(URI.create(auth + "/api/v1/auth/signup")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", address)
                .POST(body(Map.of("email", email, "password", "event to screen", "workspaceName", "E2S " + w))), 201);
        JsonNode login = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(auth + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(body(Map.of("email", email, "password", "event to screen"))), 200));
        return new Workspace(login.path("accessToken").asText(), http, new ArrayList<>());
    }

    /** A new simulated Meta person with a 60-day token, connected the way the console's popup does it. */
    static String connect(String gateway, String sim, Workspace ws, String name) throws Exception {
        String simUser = JSON.readTree(send(PLAIN, HttpRequest.newBuilder(URI.create(sim + "/sim/meta/users"))
                .header("Content-Type", "application/json")
                .POST(body(Map.of("name", name, "tokenLifetimeSeconds", 5_184_000,
                        "adAccounts", List.of(Map.of("id", name.replaceAll("\\D", ""), "name", name))))), 201))
                .path("externalUserId").asText();
        HttpResponse<String> authorize = ws.http().send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/connect/meta/authorize?mode=connect"))
                .header("Authorization", "Bearer " + ws.jwt()).GET().build(), HttpResponse.BodyHandlers.ofString());
        String authorizeUrl = JSON.readTree(authorize.body()).path("authorizeUrl").asText();
        // the connect state's cookie is Secure: browsers (and curl) send it to http://127.0.0.1, java.net's cookie store does not
        String binding = String.join("; ", authorize.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
        HttpResponse<String> consent = PLAIN.send(HttpRequest.newBuilder(URI.create(authorizeUrl + "&sim_user=" + simUser)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String callback = consent.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no redirect from the consent"));
        send(PLAIN, HttpRequest.newBuilder(URI.create(callback)).header("Accept", "application/json").header("Cookie", binding).GET(), 200);
        return simUser;
    }

    /** The cards and the bell of this workspace, read line by line as they come. */
    static void openStreams(String gateway, Workspace ws) {
        stream(gateway + "/api/v1/connectors/stream", ws, (data, now) -> {
            JsonNode connectors = JSON.readTree(data);
            for (JsonNode connector : connectors.isArray() ? connectors : connectors.path("connectors")) {
                for (JsonNode card : connector.path("platformUsers")) {
                    String name = card.path("displayName").asText();
                    if (ws.names().contains(name) && card.path("message").asText().toLowerCase().contains("expired")) {
                        CARD_SEEN.putIfAbsent(name, now);
                    }
                }
            }
        });
        // the bell groups a platform's expiries into one entry ("Meta: 7 connections have expired (A, B, C
        // and 4 more)"); this workspace's users expire in the order of its names, so a count of k covers the first k
        stream(gateway + "/api/v1/notifications/stream", ws, (data, now) -> {
            Matcher grouped = EXPIRED_COUNT.matcher(data);
            int covered = grouped.find() ? Integer.parseInt(grouped.group(1)) : 0;
            for (int i = 0; i < ws.names().size(); i++) {
                String name = ws.names().get(i);
                if (i < covered || data.contains("connection of " + name + " has expired")) {
                    BELL_SEEN.putIfAbsent(name, now);
                }
            }
        });
    }

    interface Lines {
        void data(String data, long receivedAt) throws Exception;
    }

    static void stream(String url, Workspace ws, Lines lines) {
        daemon(() -> {
            try {
                HttpResponse<java.io.InputStream> response = ws.http().send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + ws.jwt()).header("Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("data:")) {
                            lines.data(line.substring(5).trim(), System.currentTimeMillis());
                        }
                    }
                }
            } catch (Exception e) {
                System.err.println("stream " + url + " ended: " + e);
            }
        });
    }

    /** Each TOKEN_EXPIRED record's timestamp: when the outbox relay sent it. */
    static void watchTopic(String bootstrap, Map<String, String> nameByExternalId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "event-to-screen-" + System.nanoTime());
        p.put("auto.offset.reset", "latest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of("token-status"));
        AtomicLong assigned = new AtomicLong();
        daemon(() -> {
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        JsonNode event = JSON.readTree(r.value());
                        String name = nameByExternalId.get(event.path("externalUserId").asText());
                        if (name != null && "TOKEN_EXPIRED".equals(event.path("type").asText())) {
                            RECORD_TIME.putIfAbsent(name, r.timestamp());
                        }
                    } catch (Exception ignored) {
                        // another service's record shape: not ours to measure
                    }
                }
                assigned.set(consumer.assignment().size());
            }
        });
        long until = System.currentTimeMillis() + 15_000;
        while (assigned.get() == 0 && System.currentTimeMillis() < until) {
            Thread.onSpinWait();
        }
    }

    /** Meta's deauthorize callback, signed with the app secret as Meta signs it. */
    static int deauthorize(String gateway, String appSecret, String externalUserId) throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(Map.of(
                "algorithm", "HMAC-SHA256", "issued_at", System.currentTimeMillis() / 1000, "user_id", externalUserId)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        return PLAIN.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/connect/meta/deauthorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("signed_request=" + URLEncoder.encode(signature + "." + payload, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static void daemon(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        thread.start();
    }

    static HttpRequest.BodyPublisher body(Object value) throws Exception {
        return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(value));
    }

    static String send(HttpClient http, HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
