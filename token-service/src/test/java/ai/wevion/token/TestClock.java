package ai.wevion.token;

import ai.wevion.testing.MutableClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Replaces the service's clock with the one tests move. */
public class TestClock {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Clock clock() {
        return new MutableClock();
    }
}
