package ai.wevion.notification;

import ai.wevion.testing.SseStream;
import java.util.HashMap;
import java.util.Map;

/** A browser tab following the bell's stream with the session JWT (and Last-Event-ID when it reconnects). */
final class SseClient extends SseStream {

    static final String STREAM = "http://127.0.0.1:18084/api/v1/notifications/stream";

    SseClient(String bearer, String lastEventId) {
        super(STREAM, headers(bearer, lastEventId));
    }

    private static Map<String, String> headers(String bearer, String lastEventId) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", bearer));
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return headers;
    }
}
