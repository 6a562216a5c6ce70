package ai.wevion.notification.telegram.client;

import ai.wevion.notification.config.NotificationConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The Telegram Bot API (docs/providers.md): {@code POST <api>/bot<token>/<method>}
 * with JSON, answered {@code {ok, result}} or {@code {ok:false, error_code,
 * description, parameters.retry_after}}. Never logs the bot token (it is in
 * the URL).
 */
@ApplicationScoped
public class TelegramBotClient {

    /** What Telegram answered: {@code ok}, or its error code and description, and how long to wait on 429. */
    public record Answer(boolean ok, int errorCode, String description, Duration retryAfter, Object result) {

        public boolean blocked() {
            return errorCode == 403 || (errorCode == 400 && description != null && description.contains("chat not found"));
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient http;
    private final String base;

    public TelegramBotClient(Vertx vertx, NotificationConfig config) {
        this.base = config.telegram().apiUrl() + "/bot" + config.telegram().botToken() + "/";
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) TIMEOUT.toMillis()).setKeepAlive(true));
    }

    public Uni<Answer> sendMessage(long chatId, String text) {
        return call("sendMessage", new JsonObject().put("chat_id", chatId).put("text", text));
    }

    public Uni<Answer> getUpdates(long offset) {
        return call("getUpdates", new JsonObject().put("offset", offset).put("limit", 100).put("timeout", 0));
    }

    public Uni<Answer> setWebhook(String url, String secret) {
        return call("setWebhook", new JsonObject().put("url", url).put("secret_token", secret).put("allowed_updates", new JsonArray().add("message")));
    }

    public Uni<Answer> deleteWebhook() {
        return call("deleteWebhook", new JsonObject());
    }

    public static JsonArray updates(Answer answer) {
        return answer.result() instanceof JsonArray array ? array : new JsonArray();
    }

    private Uni<Answer> call(String method, JsonObject body) {
        return http.postAbs(base + method).timeout(TIMEOUT.toMillis()).sendJsonObject(body)
                .map(response -> {
                    JsonObject json;
                    try {
                        json = response.bodyAsJsonObject();
                    } catch (RuntimeException e) {
                        json = null;
                    }
                    if (json == null) {
                        return new Answer(false, response.statusCode(), "HTTP " + response.statusCode(), null, null);
                    }
                    if (json.getBoolean("ok", false)) {
                        return new Answer(true, 0, null, null, json.getValue("result"));
                    }
                    JsonObject parameters = json.getJsonObject("parameters", new JsonObject());
                    Duration retryAfter = parameters.containsKey("retry_after") ? Duration.ofSeconds(parameters.getLong("retry_after")) : null;
                    return new Answer(false, json.getInteger("error_code", response.statusCode()), json.getString("description"),
                            retryAfter, null);
                });
    }
}
