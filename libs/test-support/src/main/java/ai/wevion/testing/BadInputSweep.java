package ai.wevion.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Feeds every operation a service's OpenAPI document lists the inputs a
 * careless client or an attacker sends: malformed JSON, wrong types, odd
 * Unicode, an oversized chunked body, path parameters that are not ids, and
 * query parameters out of range. Answers what went wrong: each answer of 500
 * or more, and each log record at ERROR (a stack trace) while it ran.
 */
public final class BadInputSweep {

    /** More than quarkus.http.limits.max-body-size (10 MiB by default). */
    private static final int OVERSIZED = 11 * 1024 * 1024;

    private static final List<String> BODIES = List.of(
            "{\"email\":",                                                        // malformed: cut short
            "{\"a\":1}}",                                                         // malformed: trailing
            "[1,2,3]", "\"text\"", "42", "null", "",                              // not an object
            "{\"email\":{\"x\":1},\"password\":[1],\"name\":true,\"role\":7,\"platform\":[],\"mode\":{},"
                    + "\"adAccountIds\":\"x\",\"platformUserId\":12,\"workspaceId\":false,\"chatId\":\"x\"}", // wrong types
            "{\"name\":99999999999999999999999999999999,\"limit\":1e999,\"seq\":-1}", // numbers out of range
            "{\"name\":\"\\u0000\\uD800\\u202E\\uFEFF" + "\uD83D\uDE00".repeat(100) + "\",\"email\":\"\\u0000@\\uD800\"}", // odd Unicode
            "{" + "\"a\":{".repeat(5000) + "}".repeat(5001));                    // deep nesting

    private static final List<String> PATH_VALUES = List.of("not-an-id", "00000000-0000-0000-0000-000000000000",
            "%00", "%C3%BC%F0%9F%98%80", "1e999", "-1", "..%2F..%2Fetc%2Fpasswd", "x".repeat(3000));

    private BadInputSweep() {
    }

    /** Sweeps the service at {@code base} (its {@code /q/openapi}), sending {@code bearer} as the session. */
    public static List<String> sweep(URI base, String bearer) {
        List<String> problems = new ArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() != null ? " (" + r.getThrown() + ")" : ""));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(recorder);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            JsonNode paths = new ObjectMapper().readTree(get(http, base.resolve("/q/openapi?format=json"))).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    String method = op.getKey().toUpperCase();
                    if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method) || streams(op.getValue())) {
                        continue;
                    }
                    for (String target : targets(path.getKey())) {
                        for (String body : method.equals("GET") || method.equals("DELETE") ? List.of("") : BODIES) {
                            send(http, base, bearer, method, target, "application/json",
                                    HttpRequest.BodyPublishers.ofString(body), body.length() > 60 ? body.substring(0, 60) + "…" : body, problems);
                        }
                    }
                    if (!method.equals("GET") && !method.equals("DELETE")) {
                        String target = targets(path.getKey()).get(0);
                        send(http, base, bearer, method, target, "application/json",
                                HttpRequest.BodyPublishers.ofInputStream(() -> oversized()), "11 MiB, chunked", problems);
                        send(http, base, bearer, method, target, "text/plain",
                                HttpRequest.BodyPublishers.ofString("plain"), "text/plain", problems);
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            problems.add("sweep stopped: " + e);
        } finally {
            root.removeHandler(recorder);
        }
        errors.forEach(e -> problems.add("ERROR logged: " + e));
        return problems;
    }

    private static boolean streams(JsonNode operation) {
        return operation.path("responses").toString().contains("text/event-stream");
    }

    /** The path with each parameter filled with a bad value, plus query parameters out of range. */
    private static List<String> targets(String template) {
        List<String> targets = new ArrayList<>();
        if (template.contains("{")) {
            for (String value : PATH_VALUES) {
                targets.add(template.replaceAll("\\{[^}]+}", value));
            }
        } else {
            targets.add(template);
        }
        String odd = URLEncoder.encode("\u0000\uD83D\uDE00'\"<", StandardCharsets.UTF_8);
        targets.add(targets.get(0) + "?limit=-1&cursor=" + odd + "&after=" + odd + "&platform=" + odd + "&from=" + odd
                + "&lastEventId=x&size=99999999999999999999");
        return targets;
    }

    private static void send(HttpClient http, URI base, String bearer, String method, String target, String type,
            HttpRequest.BodyPublisher body, String shown, List<String> problems) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(target)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", type).header("Accept", "application/json")
                .method(method, body).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() >= 500) {
                problems.add(method + " " + target + " with " + shown + " → " + answer.statusCode() + " " + answer.body());
            }
        } catch (IOException e) {
            // a server may close the connection on an oversized body after answering 413; only a 5xx or an ERROR counts
            if (!shown.startsWith("11 MiB")) {
                problems.add(method + " " + target + " with " + shown + " → " + e);
            }
        }
    }

    private static InputStream oversized() {
        return new ByteArrayInputStream(("{\"name\":\"" + "x".repeat(OVERSIZED) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
