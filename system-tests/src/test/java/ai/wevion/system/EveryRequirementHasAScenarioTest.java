package ai.wevion.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/requirements.md lists every requirement id of the brief; each must be played by a system scenario named after it. */
class EveryRequirementHasAScenarioTest {

    private static final List<Class<?>> SCENARIOS = List.of(MetaArticleTest.class, TokenExpiredArticleTest.class,
            SessionScenariosTest.class, TokenScenariosTest.class);

    @Test
    void everyRequirementIdHasASystemScenario() throws IOException {
        Matcher rows = Pattern.compile("(?m)^\\| ([ATCN]\\d+) \\|").matcher(Files.readString(Path.of("..", "docs", "requirements.md")));
        List<String> ids = rows.results().map(r -> r.group(1)).toList();
        Set<String> played = SCENARIOS.stream().flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(Test.class)).map(Method::getName)
                .flatMap(name -> Arrays.stream(name.split("_")).skip(1)).collect(Collectors.toSet());

        assertThat(ids).hasSize(32);
        assertThat(ids).allSatisfy(id -> assertThat(played).as("a system scenario for " + id).contains(id));
    }
}
