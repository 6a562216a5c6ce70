package ai.wevion.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Every service's tests: the service's clock is the one tests move ({@link MutableClock}). */
public class TestClock {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Clock clock() {
        return new MutableClock();
    }
}
