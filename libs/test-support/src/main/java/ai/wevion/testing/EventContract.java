package ai.wevion.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Checks an event against its topic's schema in docs/events (required fields, type, no token). */
public final class EventContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventContract() {
    }

    /**
     * The service's enum of event types on this topic names exactly the
     * schema's types: a type added on one side only fails the consumer's and
     * the producer's tests.
     */
    public static void assertTypesMatch(String topic, Class<? extends Enum<?>> types) {
        java.util.Set<String> documented = new java.util.TreeSet<>();
        schema(topic).at("/properties/type/enum").forEach(t -> documented.add(t.asText()));
        java.util.Set<String> declared = new java.util.TreeSet<>();
        for (Enum<?> type : types.getEnumConstants()) {
            declared.add(type.name());
        }
        assertThat(declared).as("%s's types against docs/events/%s.schema.json", types.getSimpleName(), topic).isEqualTo(documented);
    }

    /** The values of one enum-valued field of the topic's schema (e.g. {@code platform}). */
    public static java.util.Set<String> enumOf(String topic, String field) {
        java.util.Set<String> values = new java.util.TreeSet<>();
        schema(topic).at("/properties/" + field + "/enum").forEach(t -> values.add(t.asText()));
        return values;
    }

    private static JsonNode schema(String topic) {
        try {
            return JSON.readTree(Repo.path("docs/events/" + topic + ".schema.json").toFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static void assertConforms(String topic, String eventJson) {
        try {
            JsonNode schema = JSON.readTree(Repo.path("docs/events/" + topic + ".schema.json").toFile());
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
