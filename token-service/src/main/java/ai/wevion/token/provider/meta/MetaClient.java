package ai.wevion.token.provider.meta;

import ai.wevion.token.provider.Granted;
import ai.wevion.token.provider.ProviderFailure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Meta's Graph API token endpoints (docs/providers.md); every failure comes out classified. */
public class MetaClient {

    private static final Logger LOG = Logger.getLogger(MetaClient.class);

    public record IssuedToken(String accessToken, long expiresInSeconds) {
    }



    private final WebClient http;
    private final MetaSettings config;
    private final String graph;

    public MetaClient(Vertx vertx, MetaSettings config) {
        this.config = config;
        this.graph = config.graphUrl() + "/" + config.apiVersion();
        this.http = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.requestTimeout().toMillis())
                .setIdleTimeout((int) config.requestTimeout().toSeconds() + 5)
                .setMaxPoolSize(200)
                .setKeepAlive(true));
    }

    /** The OAuth dialog URL for this state (T1); {@code rerequest} asks again for declined scopes. */
    public String authorizeUrl(String state, boolean rerequest) {
        return config.dialogUrl() + "/" + config.apiVersion() + "/dialog/oauth?client_id=" + encode(config.appId())
                + "&redirect_uri=" + encode(config.redirectUri()) + "&state=" + encode(state)
                + "&response_type=code&scope=" + encode(config.scopes()) + (rerequest ? "&auth_type=rerequest" : "");
    }

    /** Authorization code to a short-lived token. */
    public Uni<IssuedToken> exchangeCode(String code) {
        return send(get("/oauth/access_token", Map.of("client_id", config.appId(), "client_secret", config.appSecret(),
                "redirect_uri", config.redirectUri(), "code", code))).map(MetaClient::issued);
    }

    /** Any live user token to a new long-lived one (~60 days): the connect step and the refresh (T3, T10). */
    public Uni<IssuedToken> exchangeForLongLived(String token) {
        return send(get("/oauth/access_token", Map.of("grant_type", "fb_exchange_token", "client_id", config.appId(),
                "client_secret", config.appSecret(), "fb_exchange_token", token))).map(MetaClient::issued);
    }

    public Uni<Granted.Identity> me(String token) {
        return send(get("/me", Map.of("fields", "id,name", "access_token", token)))
                .map(body -> new Granted.Identity(body.getString("id"), body.getString("name", body.getString("id"))));
    }

    /** When the app's access to the user's data lapses (debug_token; null when Meta does not say). */
    public Uni<java.time.Instant> dataAccessExpiresAt(String token) {
        return send(get("/debug_token", Map.of("input_token", token, "access_token", config.appId() + "|" + config.appSecret())))
                .map(body -> {
                    long at = body.getJsonObject("data", new JsonObject()).getLong("data_access_expires_at", 0L);
                    return at > 0 ? java.time.Instant.ofEpochSecond(at) : null;
                });
    }

    /** Every ad account the token can see, following the cursor pages. */
    public Uni<List<Granted.AdAccount>> adAccounts(String token) {
        return adAccountsFrom(token, null, new ArrayList<>());
    }

    private Uni<List<Granted.AdAccount>> adAccountsFrom(String token, String after, List<Granted.AdAccount> collected) {
        Map<String, String> query = after == null
                ? Map.of("fields", "id,name,account_status", "limit", "100", "access_token", token)
                : Map.of("fields", "id,name,account_status", "limit", "100", "access_token", token, "after", after);
        return send(get("/me/adaccounts", query)).chain(body -> {
            JsonArray data = body.getJsonArray("data", new JsonArray());
            for (int i = 0; i < data.size(); i++) {
                JsonObject account = data.getJsonObject(i);
                collected.add(new Granted.AdAccount(account.getString("id"), account.getString("name", account.getString("id"))));
            }
            JsonObject paging = body.getJsonObject("paging");
            boolean more = paging != null && paging.getString("next") != null && !data.isEmpty();
            return more
                    ? adAccountsFrom(token, paging.getJsonObject("cursors").getString("after"), collected)
                    : Uni.createFrom().item(collected);
        });
    }

    private HttpRequest<Buffer> get(String path, Map<String, String> query) {
        HttpRequest<Buffer> request = http.getAbs(graph + path).timeout(config.requestTimeout().toMillis());
        query.forEach(request::addQueryParam);
        // the secrets in this line are masked by TokenMaskingFilter (libs/log-masking)
        LOG.debugf("Meta GET %s?%s", path, query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining("&")));
        return request;
    }

    private Uni<JsonObject> send(HttpRequest<Buffer> request) {
        return request.send()
                .onFailure().transform(e -> new ProviderFailure.Exception(
                        ProviderFailure.retryable("TIMEOUT", null, "Meta did not answer: " + e.getClass().getSimpleName())))
                .map(this::bodyOrFailure);
    }

    private JsonObject bodyOrFailure(HttpResponse<Buffer> response) {
        JsonObject body = json(response);
        if (response.statusCode() == 200 && body != null && body.getJsonObject("error") == null) {
            return body;
        }
        ProviderFailure failure = MetaErrorClassifier.classify(response.statusCode(), body,
                response.getHeader("X-Business-Use-Case-Usage"));
        LOG.debugf("Meta answered %d: %s", response.statusCode(), failure);
        throw new ProviderFailure.Exception(failure);
    }

    private static JsonObject json(HttpResponse<Buffer> response) {
        try {
            return response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static IssuedToken issued(JsonObject body) {
        return new IssuedToken(body.getString("access_token"), body.getLong("expires_in", 0L));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

}
