package ai.wevion.auth.session.service;

import ai.wevion.auth.config.AuthConfig;
import ai.wevion.auth.session.repository.LoginThrottleRepository;
import ai.wevion.authclient.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Backoff after repeated failed logins for one e-mail address, known or not:
 * after the free failures each further attempt waits twice as long as the last
 * (up to a cap). A success clears it; so does an hour without failures.
 */
@ApplicationScoped
public class LoginThrottleService {

    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final LoginThrottleRepository throttles;
    private final Clock clock;
    private final AuthConfig.Login config;

    public LoginThrottleService(LoginThrottleRepository throttles, Clock clock, AuthConfig config) {
        this.throttles = throttles;
        this.clock = clock;
        this.config = config.login();
    }

    /** Fails with 429 {@code too_many_attempts} while the address must wait. */
    public Uni<Void> checkAllowed(String email) {
        Instant now = clock.instant();
        return throttles.findById(email).invoke(t -> {
            if (t != null && t.blockedUntil != null && now.isBefore(t.blockedUntil)) {
                throw new ApiException(429, "too_many_attempts",
                        "Too many failed logins. Try again later.", Duration.between(now, t.blockedUntil));
            }
        }).replaceWithVoid();
    }

    public Uni<Void> recordFailure(String email) {
        Instant now = clock.instant();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into login_throttle (email, failures, last_failure_at) values (?1, 1, ?2)
                on conflict (email) do update set
                    failures = case when login_throttle.last_failure_at < ?3 then 1 else login_throttle.failures + 1 end,
                    last_failure_at = ?2
                returning failures""", Integer.class)
                .setParameter(1, email)
                .setParameter(2, now)
                .setParameter(3, now.minus(FORGET_AFTER))
                .getSingleResult())
                .chain(failures -> failures <= config.freeFailures()
                        ? Uni.createFrom().voidItem()
                        : throttles.update("blockedUntil = ?1 where email = ?2", now.plus(backoff(failures)), email)
                                .replaceWithVoid());
    }

    public Uni<Void> clear(String email) {
        return throttles.deleteById(email).replaceWithVoid();
    }

    private Duration backoff(int failures) {
        int doublings = Math.min(failures - config.freeFailures() - 1, 20);
        Duration wait = config.firstBackoff().multipliedBy(1L << doublings);
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
