package ai.wevion.testing;

import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A browser tab following a server-sent event stream: each event's name, id
 * and JSON data, the heartbeat comments, the answer's status, and whether the
 * server ended the stream.
 */
public class SseStream implements AutoCloseable {

    public record Event(String name, String id, JsonPath data) {
    }

    private final List<Event> events = new ArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final CompletableFuture<HttpResponse<java.io.InputStream>> response;
    private volatile boolean ended;

    public SseStream(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.thenAcceptAsync(r -> read(r.body()));
    }

    private void read(java.io.InputStream body) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                } else if (line.isEmpty() && data.length() > 0) {
                    synchronized (events) {
                        events.add(new Event(name, id, JsonPath.from(data.toString())));
                    }
                    data.setLength(0);
                    name = "message";
                }
            }
            ended = true;
        } catch (java.io.IOException e) {
            // the tab was closed
        }
    }

    /** The HTTP status of the answer, once it came. */
    public int status() {
        return response.join().statusCode();
    }

    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public Event last() {
        List<Event> all = events();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Heartbeat comments received so far. */
    public int comments() {
        return comments.get();
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        response.thenAccept(r -> {
            try {
                r.body().close();
            } catch (java.io.IOException e) {
                // already closed
            }
        });
        response.cancel(true);
    }
}
