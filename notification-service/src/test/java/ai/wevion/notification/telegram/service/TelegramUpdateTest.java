package ai.wevion.notification.telegram.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wevion.authclient.api.ApiException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** What the bot reads of an update (N5): a text message, nothing else, and never a crash. */
class TelegramUpdateTest {

    @Test
    void aTextMessageGivesItsUpdateChatAndText_N5() {
        assertThat(TelegramUpdate.read(new JsonObject("{\"update_id\":7,\"message\":{\"chat\":{\"id\":-42},\"text\":\"/start abc\"}}")))
                .isEqualTo(new TelegramUpdate(7, -42, "/start abc"));
    }

    @Test
    void anotherKindOfUpdateIsNothingToDo_N5() {
        assertThat(TelegramUpdate.read(new JsonObject("{\"update_id\":7,\"edited_message\":{}}"))).isNull();
        assertThat(TelegramUpdate.read(new JsonObject("{\"update_id\":7,\"message\":{\"chat\":{\"id\":1}}}"))).isNull();
    }

    @Test
    void aFieldOfTheWrongTypeIsBadInput_N5() {
        for (String json : new String[] {"{\"update_id\":\"7\"}", "{\"update_id\":7.5}", "{\"update_id\":7,\"message\":[]}",
                "{\"update_id\":7,\"message\":{\"chat\":{\"id\":true},\"text\":\"x\"}}", "{\"update_id\":7,\"message\":{\"chat\":1}}"}) {
            assertThatThrownBy(() -> TelegramUpdate.read(new JsonObject(json))).as(json)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
