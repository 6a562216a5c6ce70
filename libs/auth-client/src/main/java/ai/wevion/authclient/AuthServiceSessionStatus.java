package ai.wevion.authclient;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks auth-service: {@code GET /api/v1/auth/me} with the caller's own JWT
 * answers 200 while the session lives and 401 once it has ended (auth-service
 * reads its own database for that). No credential of this service is needed:
 * the JWT is the question. auth-service itself replaces this bean.
 */
@DefaultBean
@ApplicationScoped
public class AuthServiceSessionStatus implements SessionStatus {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http;
    private final URI me;

    public AuthServiceSessionStatus(Vertx vertx, @ConfigProperty(name = "wevion.auth.url") String authUrl) {
        this.http = vertx.createHttpClient();
        this.me = URI.create(authUrl.replaceAll("/$", "") + "/api/v1/auth/me");
    }

    @Override
    public Uni<Boolean> isLive(String sessionId, String rawJwt) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(me.toString())
                .addHeader("Authorization", "Bearer " + rawJwt).setTimeout(TIMEOUT.toMillis());
        return http.request(request)
                .chain(r -> r.send())
                .chain(response -> response.body().map(ignored -> answer(response)));
    }

    /** {@code GET /api/v1/auth/me} without a JWT: a 401 is an answer. */
    @Override
    public Uni<Void> reachable() {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(me.toString()).setTimeout(TIMEOUT.toMillis());
        return http.request(request)
                .chain(r -> r.send())
                .chain(response -> response.body().map(ignored -> {
                    if (response.statusCode() >= 500) {
                        throw new IllegalStateException("auth-service answered " + response.statusCode());
                    }
                    return null;
                }))
                .replaceWithVoid();
    }

    private static boolean answer(HttpClientResponse response) {
        return switch (response.statusCode()) {
            case 200 -> true;
            case 401 -> false;
            default -> throw new IllegalStateException("auth-service answered " + response.statusCode());
        };
    }
}
