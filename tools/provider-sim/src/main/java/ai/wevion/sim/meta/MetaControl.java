package ai.wevion.sim.meta;

import ai.wevion.sim.control.SimUsers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Meta-only control calls behind /sim/meta/…: the tokens issued (leak scans) and the deauthorize callback. */
@ApplicationScoped
public class MetaControl {

    public record Deauthorize(@NotBlank String callbackUrl) {
    }

    public record Delivered(int status) {
    }

    private final MetaTokens tokens;
    private final SimUsers users;
    private final MetaConfig config;
    private final WebClient http;

    public MetaControl(MetaTokens tokens, SimUsers users, MetaConfig config, io.vertx.mutiny.core.Vertx vertx) {
        this.tokens = tokens;
        this.users = users;
        this.config = config;
        this.http = WebClient.create(vertx);
    }

    public record UserWithToken(String externalUserId, String accessToken) {
    }

    public java.util.List<UserWithToken> bulkUsers(int count, Long tokenLifetimeSeconds) {
        java.util.List<UserWithToken> created = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var user = users.create("meta", "Bulk user " + i, tokenLifetimeSeconds, null, java.util.List.of());
            created.add(new UserWithToken(user.id(), tokens.issueToken(user.id(), user.tokenLifetimeSeconds(config.longLivedSeconds()))));
        }
        return created;
    }

    public Set<String> issuedTokens() {
        return tokens.issued();
    }

    /** The user removes the app in Facebook: Meta posts a signed_request to the app's callback. */
    public Uni<Delivered> deauthorize(String id, Deauthorize request) {
        users.find("meta", id).orElseThrow(() -> new NotFoundException("no such user"));
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("signed_request", signedRequest(id));
        return http.postAbs(request.callbackUrl()).sendForm(form).map(r -> new Delivered(r.statusCode()));
    }

    private String signedRequest(String userId) {
        String payload = "{\"user_id\":\"" + userId + "\",\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + Instant.now().getEpochSecond() + "}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String encodedPayload = b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return b64.encodeToString(mac.doFinal(encodedPayload.getBytes(StandardCharsets.UTF_8))) + "." + encodedPayload;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
