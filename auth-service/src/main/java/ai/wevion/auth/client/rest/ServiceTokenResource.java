package ai.wevion.auth.client.rest;

import ai.wevion.auth.client.ServiceTokens;
import ai.wevion.authclient.api.ApiException;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.resteasy.reactive.RestForm;

/**
 * OAuth 2 client-credentials grant (RFC 6749 §4.4) for service-to-service
 * calls; clients authenticate with HTTP Basic or form parameters. Services use
 * quarkus-oidc-client against it; the JWT has role {@code service}.
 */
@Path("/oauth2/token")
@PermitAll
public class ServiceTokenResource {

    public record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {
    }

    private final ServiceTokens tokens;

    public ServiceTokenResource(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<TokenResponse> token(@RestForm("grant_type") String grantType, @RestForm("client_id") String clientId,
            @RestForm("client_secret") String clientSecret, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            HttpServerRequest request) {
        if (!"client_credentials".equals(grantType)) {
            throw ApiException.badRequest("unsupported_grant_type", "Only grant_type=client_credentials is supported.");
        }
        String[] basic = basicCredentials(authorization);
        String id = basic != null ? basic[0] : clientId;
        String secret = basic != null ? basic[1] : clientSecret;
        if (id == null || id.isBlank()) {
            throw new ApiException(401, "invalid_client", "Unknown client or wrong secret.");
        }
        // not routed by the Ingress nor the gateway: the peer is the calling pod itself
        return tokens.issue(id, secret, request.remoteAddress().hostAddress())
                .map(token -> new TokenResponse(token.token(), "Bearer", token.expiresIn()));
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
