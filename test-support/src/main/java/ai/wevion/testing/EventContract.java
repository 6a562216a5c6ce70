package ai.wevion.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Checks an event against its topic's schema in docs/events (required fields, type, no token). */
public final class EventContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventContract() {
    }

    public static void assertConforms(String topic, String eventJson) {
        try {
            JsonNode schema = JSON.readTree(Path.of("../docs/events/" + topic + ".schema.json").toFile()); // from a module folder
            JsonNode event = JSON.readTree(eventJson);
            schema.get("required").forEach(field -> assertThat(event.hasNonNull(field.asText()))
                    .as("%s event has %s: %s", topic, field.asText(), eventJson).isTrue());
            boolean knownType = false;
            for (JsonNode type : schema.at("/properties/type/enum")) {
                knownType |= type.asText().equals(event.get("type").asText());
            }
            assertThat(knownType).as("type %s is in the schema", event.get("type")).isTrue();
            event.fieldNames().forEachRemaining(name -> assertThat(schema.at("/properties/" + name).isMissingNode())
                    .as("field %s is documented in the schema", name).isFalse());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
