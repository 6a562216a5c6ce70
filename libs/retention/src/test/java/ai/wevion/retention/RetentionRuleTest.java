package ai.wevion.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionRuleTest {

    @Test
    void aTableNameThatIsNotAnIdentifierIsRefused() {
        assertThatThrownBy(() -> new RetentionRule("x; drop table y", "created_at", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRetentionOfZeroWouldDeleteEverythingAndIsRefused() {
        assertThatThrownBy(() -> new RetentionRule("processed_event", "processed_at", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAgeIsSetPerTable() {
        assertThat(new RetentionRule("processed_event", "processed_at", Duration.ofDays(3)).setting())
                .isEqualTo("retention.processed_event.max-age");
    }
}
