package ai.wevion.auth.session.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A login's own rules: live for 7 days, slides after 24 hours (A1, A2), ends once (A3), and an impersonation never slides (A5). */
class SessionTest {

    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
    private static final Duration SLIDE_AFTER = Duration.ofHours(24);

    @Test
    void aSessionIsLiveUntilTheInstantItExpires_A1() {
        Session session = session(null);

        assertThat(session.isLive(START)).isTrue();
        assertThat(session.isLive(START.plus(Duration.ofDays(7)).minusMillis(1))).isTrue();
        assertThat(session.isLive(START.plus(Duration.ofDays(7)))).isFalse();
    }

    @Test
    void anEndedSessionIsNotLiveAndSaysWhy_A3() {
        Session session = session(null);

        session.end(START.plusSeconds(60), "LOGOUT");

        assertThat(session.isLive(START.plusSeconds(61))).isFalse();
        assertThat(session.endedAt).isEqualTo(START.plusSeconds(60));
        assertThat(session.endReason).isEqualTo("LOGOUT");
    }

    @Test
    void aSessionSlidesOnlyOnceMoreThan24HoursHavePassedSinceItLastSlid_A2() {
        Session session = session(null);

        assertThat(session.mustSlide(START.plus(SLIDE_AFTER), SLIDE_AFTER)).isFalse();
        assertThat(session.mustSlide(START.plus(SLIDE_AFTER).plusSeconds(1), SLIDE_AFTER)).isTrue();

        session.slidAt = START.plus(SLIDE_AFTER).plusSeconds(1);
        assertThat(session.mustSlide(START.plus(SLIDE_AFTER).plusSeconds(2), SLIDE_AFTER)).isFalse();
    }

    @Test
    void anImpersonationNeverSlides_A5() {
        Session session = session(UUID.randomUUID());

        assertThat(session.isImpersonation()).isTrue();
        assertThat(session.mustSlide(START.plus(Duration.ofDays(3)), SLIDE_AFTER)).isFalse();
        assertThat(session(null).isImpersonation()).isFalse();
    }

    private static Session session(UUID impersonatorId) {
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.createdAt = START;
        session.slidAt = START;
        session.expiresAt = START.plus(Duration.ofDays(7));
        session.impersonatorId = impersonatorId;
        return session;
    }
}
