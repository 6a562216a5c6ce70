package ai.wevion.authclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wevion.authclient.SessionCheck.SessionCheckUnavailableException;
import ai.wevion.authclient.SessionCheck.SessionEndedException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The session check fails closed (issue 14, point 3; A4): the stream while current, auth-service while not, else 503. */
class SessionCheckTest {

    private static final Instant EXP = Instant.now().plus(Duration.ofHours(1));

    private final RevokedSessions revoked = new RevokedSessions();
    private final Stream stream = new Stream(revoked);
    private final AuthService authService = new AuthService();
    private final SessionCheck check = new SessionCheck(revoked, stream, authService, stream.config);

    @Test
    void whileTheStreamIsCurrentAuthServiceIsNeverAsked() {
        stream.current = true;
        check.requireLive("s1", "jwt", EXP).await().indefinitely();
        assertThat(authService.calls).hasValue(0);
    }

    @Test
    void aSessionEndedOnTheStreamIsRefusedWithoutAsking() {
        revoked.revoke("s1", EXP);
        assertThatThrownBy(() -> check.requireLive("s1", "jwt", EXP).await().indefinitely()).isInstanceOf(SessionEndedException.class);
        assertThat(authService.calls).hasValue(0);
    }

    @Test
    void whileTheStreamIsBehindManyRequestsForOneSessionMakeOneCallToAuthService() {
        stream.current = false;
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        authService.next = Uni.createFrom().completionStage(answer);
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            requests.add(check.requireLive("s1", "jwt", EXP).subscribeAsCompletionStage());
        }
        answer.complete(true);
        requests.forEach(CompletableFuture::join);
        assertThat(authService.calls).hasValue(1);
    }

    @Test
    void whileTheStreamIsBehindAnEndedSessionIsRefusedAndRememberedAsEnded() {
        stream.current = false;
        authService.next = Uni.createFrom().item(false);
        assertThatThrownBy(() -> check.requireLive("s1", "jwt", EXP).await().indefinitely()).isInstanceOf(SessionEndedException.class);
        assertThat(revoked.isRevoked("s1")).isTrue();
    }

    @Test
    void whenNeitherTheStreamNorAuthServiceCanTellTheSessionIsRefusedAndTheReplicaIsNotReady() {
        neitherSourceAnswers();

        authService.next = Uni.createFrom().item(true);
        check.requireLive("s1", "jwt", EXP).await().indefinitely();
        assertThat(check.canCheck()).isTrue();
    }

    @Test
    void aReplicaNotReadyForWantOfBothSourcesIsReadyAgainOnceAuthServiceAnswersWithoutWaitingForARequest() {
        neitherSourceAnswers();

        // auth-service is back while the broker is still away: the readiness probe itself finds out (not ready = no requests)
        authService.reachable = Uni.createFrom().voidItem();
        assertThat(check.canCheck()).isTrue();
        assertThat(authService.calls).hasValue(1);
    }

    @Test
    void aStreamTicketWhileTheStreamIsBehindIsRefusedFor503NotLetThrough() {
        stream.current = false;
        assertThatThrownBy(() -> check.requireLive("s1", null, EXP).await().indefinitely())
                .isInstanceOf(SessionCheckUnavailableException.class);
    }

    private static final class Stream extends SessionEventsConsumer {
        final SessionCheckConfig config = new SessionCheckConfig() {
            public String topic() {
                return "session-events";
            }

            public String bootstrapServers() {
                return "unused:9092";
            }

            public Duration lookback() {
                return Duration.ofMinutes(65);
            }

            public Duration maxLag() {
                return Duration.ofMillis(750);
            }

            public Duration settle() {
                return Duration.ofSeconds(6);
            }

            public Duration currentCheckEvery() {
                return Duration.ofMillis(200);
            }

            public Duration liveAnswerTtl() {
                return Duration.ZERO;
            }
        };
        volatile boolean current;

        Stream(RevokedSessions revoked) {
            super(null, revoked, new ObjectMapper(), null);
        }

        @Override
        public boolean isCurrent(Duration maxLag) {
            return current;
        }
    }

    /** The broker is away and auth-service does not answer: the session is refused with 503 and the replica is not ready. */
    private void neitherSourceAnswers() {
        stream.current = false;
        authService.next = Uni.createFrom().failure(new IllegalStateException("connection refused"));
        authService.reachable = Uni.createFrom().failure(new IllegalStateException("connection refused"));
        assertThatThrownBy(() -> check.requireLive("s1", "jwt", EXP).await().indefinitely())
                .isInstanceOf(SessionCheckUnavailableException.class);
        assertThat(check.canCheck()).isFalse();
    }

    private static final class AuthService implements SessionStatus {
        final AtomicInteger calls = new AtomicInteger();
        volatile Uni<Boolean> next = Uni.createFrom().item(true);
        volatile Uni<Void> reachable = Uni.createFrom().voidItem();

        @Override
        public Uni<Boolean> isLive(String sessionId, String rawJwt) {
            calls.incrementAndGet();
            return next;
        }

        @Override
        public Uni<Void> reachable() {
            return reachable;
        }
    }
}
