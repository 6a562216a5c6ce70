package ai.wevion.authclient;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A replica that does not yet know the recent revocations must not take traffic. */
@Readiness
@ApplicationScoped
public class SessionCheckReadiness implements HealthCheck {

    private final SessionEventsConsumer consumer;

    public SessionCheckReadiness(SessionEventsConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("session-check").status(consumer.isCaughtUp()).build();
    }
}
