package ai.wevion.token.platform.rest;

import ai.wevion.session.api.ApiException;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.provider.ProviderCatalog;
import ai.wevion.token.platform.service.PlatformUserService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.resteasy.reactive.RestForm;

/** Meta's deauthorize callback: the user removed the app, so their tokens are dead now (APP_REMOVED). */
@Path("/api/v1/connect/meta/deauthorize")
@PermitAll
public class MetaDeauthorizeResource {

    public record Acknowledged(int expired) {
    }

    private final PlatformUserService service;
    private final ObjectMapper json;
    private final byte[] appSecret;

    public MetaDeauthorizeResource(PlatformUserService service, ObjectMapper json, TokenConfig config) {
        this.service = service;
        this.json = json;
        this.appSecret = config.meta().appSecret().getBytes(StandardCharsets.UTF_8);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Acknowledged> deauthorize(@RestForm("signed_request") String signedRequest) {
        String userId = verifiedUserId(signedRequest);
        return service.appRemoved(ProviderCatalog.META, userId).map(Acknowledged::new);
    }

    /** Checks the HMAC-SHA256 signature with the app secret and returns {@code user_id}. */
    private String verifiedUserId(String signedRequest) {
        int dot = signedRequest == null ? -1 : signedRequest.indexOf('.');
        if (dot < 1) {
            throw ApiException.badRequest("invalid_signed_request", "signed_request is missing or malformed.");
        }
        try {
            String payload = signedRequest.substring(dot + 1);
            byte[] signature = Base64.getUrlDecoder().decode(signedRequest.substring(0, dot));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret, "HmacSHA256"));
            if (!MessageDigest.isEqual(signature, mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)))) {
                throw ApiException.badRequest("invalid_signed_request", "signed_request is not signed by Meta.");
            }
            JsonNode body = json.readTree(Base64.getUrlDecoder().decode(payload));
            if (!"HMAC-SHA256".equalsIgnoreCase(body.path("algorithm").asText()) || body.path("user_id").asText().isEmpty()) {
                throw ApiException.badRequest("invalid_signed_request", "signed_request has no user_id.");
            }
            return body.path("user_id").asText();
        } catch (IllegalArgumentException | GeneralSecurityException | java.io.IOException e) {
            throw ApiException.badRequest("invalid_signed_request", "signed_request is malformed.");
        }
    }
}
