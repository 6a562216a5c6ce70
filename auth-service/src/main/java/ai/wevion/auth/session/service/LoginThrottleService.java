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
 * Backoff after repeated failures under one key, known or not: after the free
 * failures each further attempt waits twice as long as the last (up to a cap).
 * A success clears it; so does an hour without failures. The keys a login
 * uses: the account from one address (an attacker elsewhere cannot lock the
 * owner out) and the address alone (spraying many accounts from one place).
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

    /** Fails with 429 {@code too_many_attempts} while any of these keys must wait. */
    public Uni<Void> checkAllowed(String... keys) {
        Instant now = clock.instant();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String key : keys) {
            all = all.chain(() -> throttles.findById(key).invoke(t -> {
                if (t != null && t.blockedUntil != null && now.isBefore(t.blockedUntil)) {
                    throw new ApiException(429, "too_many_attempts",
                            "Too many failed attempts. Try again later.", Duration.between(now, t.blockedUntil));
                }
            }).replaceWithVoid());
        }
        return all;
    }

    /** A login failed: counted for the account from this address and for the address. */
    public Uni<Void> recordLoginFailure(String accountKey, String addressKey) {
        return recordFailure(accountKey, config.freeFailures()).chain(() -> recordFailure(addressKey, config.freeFailuresPerAddress()));
    }

    /**
     * A signup from this address: each counts, and past the address's free
     * allowance in an hour each further one waits twice as long (429), so
     * that signups cannot be used to probe many addresses.
     */
    @io.quarkus.hibernate.reactive.panache.common.WithTransaction
    public Uni<Void> countSignup(String clientAddress) {
        String key = "signup:" + clientAddress;
        // the allowance's last signup starts the wait, so the next one is refused
        return checkAllowed(key).chain(() -> recordFailure(key, config.freeSignupsPerAddress() - 1));
    }

    public Uni<Void> recordFailure(String email) {
        return recordFailure(email, config.freeFailures());
    }

    private Uni<Void> recordFailure(String email, int freeFailures) {
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
                .chain(failures -> failures <= freeFailures
                        ? Uni.createFrom().voidItem()
                        : throttles.update("blockedUntil = ?1 where email = ?2", now.plus(backoff(failures, freeFailures)), email)
                                .replaceWithVoid());
    }

    public Uni<Void> clear(String email) {
        return throttles.deleteById(email).replaceWithVoid();
    }

    private Duration backoff(int failures, int freeFailures) {
        int doublings = Math.min(failures - freeFailures - 1, 20);
        Duration wait = config.firstBackoff().multipliedBy(1L << doublings);
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
