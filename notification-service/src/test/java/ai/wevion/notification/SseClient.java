package ai.wevion.notification;

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
import java.util.concurrent.CompletableFuture;

/** A browser tab following the bell's stream: collects each event's id and JSON data. */
final class SseClient implements AutoCloseable {

    record Event(String id, JsonPath data) {
    }

    private final List<Event> events = new ArrayList<>();
    private final CompletableFuture<HttpResponse<java.io.InputStream>> response;

    SseClient(String bearer, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:18084/api/v1/notifications/stream"))
                .header("Authorization", bearer).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.thenAcceptAsync(r -> read(r.body()));
    }

    private void read(java.io.InputStream body) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                } else if (line.isEmpty() && data.length() > 0) {
                    synchronized (events) {
                        events.add(new Event(id, JsonPath.from(data.toString())));
                    }
                    data.setLength(0);
                }
            }
        } catch (java.io.IOException e) {
            // the tab was closed
        }
    }

    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    Event last() {
        List<Event> all = events();
        return all.isEmpty() ? null : all.get(all.size() - 1);
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
