package ai.wevion.authclient;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A replica that does not yet know the recent revocations, or that can check
 * sessions neither from the stream nor with auth-service, must not take
 * traffic. The answer names the source in use.
 */
@Readiness
@ApplicationScoped
public class SessionCheckReadiness implements HealthCheck {

    private final SessionEventsConsumer consumer;
    private final SessionCheck sessions;

    public SessionCheckReadiness(SessionEventsConsumer consumer, SessionCheck sessions) {
        this.consumer = consumer;
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("session-check").status(consumer.isCaughtUp() && sessions.canCheck())
                .withData("source", sessions.source()).build();
    }
}
