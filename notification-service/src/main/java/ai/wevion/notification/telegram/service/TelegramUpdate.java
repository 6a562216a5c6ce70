package ai.wevion.notification.telegram.service;

import ai.wevion.authclient.api.ApiException;
import io.vertx.core.json.JsonObject;

/**
 * The part of a Telegram Bot API update this service acts on: a text message
 * in a chat (N5). Pure: reads the JSON without trusting its shape, so a
 * malformed update is a 400, never a 500.
 */
public record TelegramUpdate(long updateId, long chatId, String text) {

    /** The update's text message, or null when it is another kind of update (nothing to do); 400 when fields have the wrong type. */
    public static TelegramUpdate read(JsonObject update) {
        Long updateId = number(update, "update_id");
        JsonObject message = object(update, "message");
        JsonObject chat = message == null ? null : object(message, "chat");
        Long chatId = chat == null ? null : number(chat, "id");
        String text = message == null ? null : text(message, "text");
        return updateId == null || chatId == null || text == null ? null : new TelegramUpdate(updateId, chatId, text);
    }

    private static Long number(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw malformed(field);
    }

    private static JsonObject object(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        throw malformed(field);
    }

    private static String text(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw malformed(field);
    }

    private static ApiException malformed(String field) {
        return ApiException.badRequest("validation_failed", "The update's " + field + " has the wrong type.");
    }
}
