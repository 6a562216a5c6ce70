package ai.wevion.sim.telegram;

import ai.wevion.sim.control.CallStats;
import ai.wevion.sim.telegram.TelegramBot.SendOutcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Telegram Bot API as a bot sees it: {@code POST /telegram/bot<token>/<method>}
 * with a JSON body, answered with Telegram's {@code {ok, result}} or
 * {@code {ok:false, error_code, description, parameters}} envelope.
 */
@Path("/telegram")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TelegramResource {

    private static final int MAX_TEXT = 4096;

    private final TelegramBot bot;
    private final CallStats stats;
    private final String botToken;

    public TelegramResource(TelegramBot bot, CallStats stats, @ConfigProperty(name = "sim.telegram.bot-token") String botToken) {
        this.bot = bot;
        this.stats = stats;
        this.botToken = botToken;
    }

    @POST
    @Path("/bot{token}/{method}")
    public Response call(@PathParam("token") String token, @PathParam("method") String method, JsonObject body) {
        stats.count("telegram", method, chatOf(body));
        if (bot.isDown()) {
            // what Telegram's front proxy answers while the Bot API is down: an HTML page, not the JSON envelope
            return Response.status(502).type(MediaType.TEXT_HTML)
                    .entity("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>"
                            + "\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n")
                    .build();
        }
        if (!botToken.equals(token)) {
            return reply(TelegramBot.error(401, "Unauthorized", null));
        }
        JsonObject params = body == null ? new JsonObject() : body;
        return switch (method) {
            case "getMe" -> ok(new JsonObject().put("id", 1).put("is_bot", true).put("username", "wevion_local_bot"));
            case "setWebhook" -> {
                bot.setWebhook(params.getString("url"), params.getString("secret_token"));
                yield ok(true);
            }
            case "deleteWebhook" -> {
                bot.setWebhook(null, null);
                yield ok(true);
            }
            case "getUpdates" -> bot.hasWebhook()
                    ? reply(TelegramBot.error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", null))
                    : ok(new JsonArray(bot.updates(params.getLong("offset", 0L), params.getInteger("limit", 100))));
            case "sendMessage" -> sendMessage(params);
            default -> reply(TelegramBot.error(404, "Not Found", null));
        };
    }

    private Response sendMessage(JsonObject params) {
        String text = params.getString("text");
        Object chatId = params.getValue("chat_id");
        if (text == null || text.isEmpty()) {
            return reply(TelegramBot.error(400, "Bad Request: message text is empty", null));
        }
        if (text.length() > MAX_TEXT) {
            return reply(TelegramBot.error(400, "Bad Request: message is too long", null));
        }
        if (chatId == null) {
            return reply(TelegramBot.error(400, "Bad Request: chat_id is empty", null));
        }
        long id;
        try {
            id = Long.parseLong(chatId.toString());
        } catch (NumberFormatException e) {
            return reply(TelegramBot.error(400, "Bad Request: chat not found", null));
        }
        return reply(bot.send(id, text));
    }

    private static String chatOf(JsonObject body) {
        return body == null || body.getValue("chat_id") == null ? "-" : body.getValue("chat_id").toString();
    }

    private static Response ok(Object result) {
        return Response.ok(new JsonObject().put("ok", true).put("result", result)).build();
    }

    private static Response reply(SendOutcome outcome) {
        return Response.status(outcome.status()).entity(outcome.body()).build();
    }
}
