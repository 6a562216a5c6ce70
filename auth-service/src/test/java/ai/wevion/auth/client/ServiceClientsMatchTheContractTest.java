package ai.wevion.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.auth.config.AuthConfig;
import ai.wevion.testing.Repo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The clients auth-service grants are exactly those of
 * docs/contracts/service-clients.json, with exactly their scopes and
 * audiences: the file every service's test JWTs are minted from (issue 14,
 * point 1: least privilege).
 */
@QuarkusTest
class ServiceClientsMatchTheContractTest {

    @Inject
    AuthConfig config;

    @Test
    void everyConfiguredClientHoldsExactlyTheScopesAndAudiencesTheContractGivesIt() throws IOException {
        JsonNode contract = new ObjectMapper().readTree(Repo.path("docs/contracts/service-clients.json").toFile());
        JsonNode clients = contract.path("clients");
        Set<String> named = new HashSet<>();
        clients.fieldNames().forEachRemaining(named::add);

        assertThat(config.serviceClients().keySet()).containsExactlyInAnyOrderElementsOf(named);
        for (String id : named) {
            AuthConfig.ServiceClient client = config.serviceClients().get(id);
            assertThat(client.scopes()).as(id + " scopes").containsExactlyInAnyOrderElementsOf(texts(clients.path(id).path("scopes")));
            assertThat(client.audiences()).as(id + " audiences")
                    .containsExactlyInAnyOrderElementsOf(texts(clients.path(id).path("audiences")));
            assertThat(client.secretSha256()).as(id + " secret hashes").allMatch(h -> h.matches("[0-9a-f]{64}"));
        }
    }

    @Test
    void everyScopeOfTheContractIsCheckedByAnEndpointAndNoEndpointChecksAnother() throws IOException {
        JsonNode contract = new ObjectMapper().readTree(Repo.path("docs/contracts/service-clients.json").toFile());
        Set<String> documented = new HashSet<>();
        contract.path("scopes").fieldNames().forEachRemaining(documented::add);
        Set<String> checked = new HashSet<>();
        Pattern requireScope = Pattern.compile("requireScope\\(\"([^\"]+)\"\\)");
        for (String service : List.of("auth-service", "token-service", "connector-service", "notification-service")) {
            try (Stream<Path> files = Files.walk(Repo.path(service + "/src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = requireScope.matcher(Files.readString(file));
                    while (m.find()) {
                        checked.add(m.group(1));
                    }
                }
            }
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(documented);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
