package ai.wevion.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The consumers' expectations of /internal/v1 (docs/contracts/internal-v1/*.json,
 * Pact-style without Pact): reads them, replays one against the running
 * service, checks the answer against the consumer's JSON Schema, and checks
 * that the path, method and fields are the ones docs/openapi publishes.
 * Each providing service's {@code InternalApiContractTest} drives it.
 */
public final class InternalContract {

    public static final Path DIR = Repo.path("docs/contracts/internal-v1");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(VersionFlag.V202012);
    private static final SchemaValidatorsConfig FORMATS_ASSERTED = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    /** ApiErrorMappers' answers ({error, message}) that the generated OpenAPI document does not list. */
    private static final Set<Integer> UNDOCUMENTED_ERRORS = Set.of(400, 404, 409);

    private InternalContract() {
    }

    /** One request a consumer makes and the answer it relies on. */
    public record Interaction(String consumer, String description, String providerState, String method, String path,
            Map<String, String> query, String jwt, int status, JsonNode body, JsonNode defs) {

        String name() {
            return consumer + " " + description;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Every consumer's interactions with {@code provider}, by name, each consumer file checked against its format first. */
    public static Map<String, Interaction> of(String provider) {
        JsonSchema format = schema(read(DIR.resolve("consumer.schema.json")));
        Map<String, Interaction> interactions = new LinkedHashMap<>();
        for (Path file : consumerFiles()) {
            JsonNode contract = read(file);
            assertThat(format.validate(contract)).as("%s against consumer.schema.json", file.getFileName()).isEmpty();
            Set<String> descriptions = new HashSet<>();
            for (JsonNode i : contract.get("interactions")) {
                assertThat(descriptions.add(i.get("description").asText())).as("%s: descriptions are unique", file.getFileName()).isTrue();
                if (provider.equals(i.get("provider").asText())) {
                    Interaction interaction = interaction(contract, i);
                    interactions.put(interaction.name(), interaction);
                }
            }
        }
        assertThat(interactions).as("interactions with %s in %s", provider, DIR).isNotEmpty();
        return interactions;
    }

    /** Sends the interaction's request as its consumer does; {@code params} fill the path's placeholders. */
    public static Response replay(Interaction i, Map<String, String> params) {
        RequestSpecification request = given().accept("application/json");
        if ("service".equals(i.jwt())) {
            request.header("Authorization", "Bearer " + TestJwts.service(i.consumer()));
        }
        i.query().forEach(request::queryParam);
        return request.request(i.method(), path(i, params));
    }

    /** The answer has the consumer's status and a body its schema accepts. */
    public static void assertAnswers(Interaction i, Response answer) {
        String body = answer.asString();
        String shown = body.replaceAll("(\"accessToken\"\\s*:\\s*\")[^\"]*", "$1***"); // no token in a test report (T2)
        assertThat(answer.statusCode()).as("%s: status (body %s)", i, shown).isEqualTo(i.status());
        List<String> problems = schema(bodySchema(i)).validate(read(body)).stream().map(ValidationMessage::getMessage).toList();
        assertThat(problems).as("%s: body %s against the consumer's schema", i, shown).isEmpty();
    }

    /** The path and method exist in docs/openapi/{@code <provider>}.yaml, with the query parameters and fields the consumer uses. */
    public static void assertPublished(Interaction i, String provider) {
        JsonNode openApi = readYaml(Repo.path("docs/openapi/" + provider + ".yaml"));
        JsonNode operation = openApi.path("paths").path(i.path()).path(i.method().toLowerCase());
        assertThat(operation.isMissingNode()).as("%s: %s %s in docs/openapi/%s.yaml", i, i.method(), i.path(), provider).isFalse();
        Map<String, String> declared = new TreeMap<>();
        operation.path("parameters").forEach(p -> {
            if ("query".equals(p.path("in").asText())) {
                declared.put(p.path("name").asText(), p.path("schema").path("pattern").asText(".*"));
            }
        });
        i.query().forEach((name, value) -> {
            assertThat(declared).as("%s: query parameter %s is published", i, name).containsKey(name);
            if (i.status() < 400) {
                assertThat(value).as("%s: %s=%s fits the published pattern", i, name, value).matches(declared.get(name));
            }
        });
        if (!UNDOCUMENTED_ERRORS.contains(i.status())) {
            assertThat(operation.path("responses").has(String.valueOf(i.status()))).as("%s: status %d is published", i, i.status()).isTrue();
        }
        if (i.status() == 200) {
            JsonNode published = resolve(openApi, operation.at("/responses/200/content/application~1json/schema"));
            if (published.has("properties")) {
                assertThat(published.get("properties").properties().stream().map(Map.Entry::getKey).toList())
                        .as("%s: the fields the consumer reads are published", i).containsAll(fieldsRead(i, bodySchema(i)));
            }
        }
    }

    private static Interaction interaction(JsonNode contract, JsonNode i) {
        JsonNode request = i.get("request");
        Map<String, String> query = new TreeMap<>();
        request.path("query").properties().forEach(e -> query.put(e.getKey(), e.getValue().asText()));
        return new Interaction(contract.get("consumer").asText(), i.get("description").asText(), i.get("providerState").asText(),
                request.get("method").asText(), request.get("path").asText(), query, request.get("jwt").asText(),
                i.at("/response/status").asInt(), i.at("/response/body"), contract.path("$defs"));
    }

    private static String path(Interaction i, Map<String, String> params) {
        Matcher placeholder = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(i.path());
        StringBuilder path = new StringBuilder();
        while (placeholder.find()) {
            String value = params.get(placeholder.group(1));
            assertThat(value).as("%s: the state \"%s\" gives {%s}", i, i.providerState(), placeholder.group(1)).isNotNull();
            placeholder.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(path).toString();
    }

    /** The body's schema as a document of its own: the file's shared $defs beside it. */
    private static JsonNode bodySchema(Interaction i) {
        ObjectNode schema = i.body().deepCopy();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        if (!i.defs().isMissingNode()) {
            schema.set("$defs", i.defs());
        }
        return schema;
    }

    /** The top-level fields a body schema names, through its $ref and allOf. */
    private static List<String> fieldsRead(Interaction i, JsonNode schema) {
        List<String> fields = new ArrayList<>();
        if (schema.has("$ref")) {
            fields.addAll(fieldsRead(i, i.defs().path(schema.get("$ref").asText().replace("#/$defs/", ""))));
        }
        schema.path("allOf").forEach(part -> fields.addAll(fieldsRead(i, part)));
        schema.path("properties").properties().forEach(e -> fields.add(e.getKey()));
        return fields;
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode schema) {
        return schema.has("$ref") ? openApi.at(schema.get("$ref").asText().substring(1)) : schema;
    }

    private static JsonSchema schema(JsonNode schema) {
        return SCHEMAS.getSchema(schema, FORMATS_ASSERTED);
    }

    private static List<Path> consumerFiles() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".json") && !f.toString().endsWith(".schema.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json.isEmpty() ? "null" : json);
        } catch (IOException e) {
            throw new AssertionError("the answer is not JSON: " + json, e);
        }
    }

    private static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
