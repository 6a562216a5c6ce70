package ai.wevion.token.provider;

import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.config.TokenConfig.OAuthProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Standard OAuth 2.0 against any provider of the catalog: the authorize URL
 * (with PKCE where the provider takes it), the authorization_code and
 * refresh_token grants, and the grant's identity and ad accounts. Every
 * failure is classified (T4) by {@link OAuth2Errors}.
 */
@ApplicationScoped
public class OAuth2Client {

    /**
     * A grant's tokens; {@code refreshToken} is null when the provider did not
     * send (or rotate) one, {@code expiresInSeconds} when the access token never
     * expires (Stripe).
     */
    public record Tokens(String accessToken, String refreshToken, Long expiresInSeconds, Long refreshExpiresInSeconds) {
    }

    private final WebClient http;

    public OAuth2Client(Vertx vertx, TokenConfig config) {
        this.http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setMaxPoolSize(50));
    }

    public String authorizeUrl(OAuthProvider p, String state, String codeChallenge) {
        StringBuilder url = new StringBuilder(p.authorizeUrl()).append("?response_type=code&client_id=").append(encode(p.clientId()))
                .append("&redirect_uri=").append(encode(p.redirectUri())).append("&scope=").append(encode(p.scopes()))
                .append("&state=").append(encode(state));
        if (p.pkce()) {
            url.append("&code_challenge=").append(codeChallenge).append("&code_challenge_method=S256");
        }
        p.authorizeParams().ifPresent(extra -> url.append('&').append(extra));
        return url.toString();
    }

    public Uni<Tokens> exchangeCode(OAuthProvider p, String code, String codeVerifier) {
        if (p.format() == GrantFormat.TIKTOK) {
            return http.postAbs(p.tokenUrl()).timeout(p.requestTimeout().toMillis()).sendJsonObject(TikTokDialect.tokenRequest(p, code))
                    .onFailure().transform(e -> timeout(p, e))
                    .map(response -> {
                        JsonObject data = TikTokDialect.data(p, json(response));
                        return new Tokens(data.getString("access_token"), null, null, null); // advertiser tokens never expire
                    });
        }
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add("code", code)
                .add("redirect_uri", p.redirectUri()).add("client_id", p.clientId()).add("client_secret", p.clientSecret());
        if (p.pkce()) {
            form.add("code_verifier", codeVerifier);
        }
        return token(p, form);
    }

    public Uni<Tokens> refresh(OAuthProvider p, String refreshToken) {
        return token(p, MultiMap.caseInsensitiveMultiMap().add("grant_type", "refresh_token").add("refresh_token", refreshToken)
                .add("client_id", p.clientId()).add("client_secret", p.clientSecret()));
    }

    public Uni<Granted.Identity> identity(OAuthProvider p, String accessToken) {
        return get(p, p.identityUrl(), accessToken).map(p.format()::identity);
    }

    public Uni<List<Granted.AdAccount>> adAccounts(OAuthProvider p, String accessToken) {
        if (p.accountsUrl().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return get(p, p.accountsUrl().get(), accessToken).map(body -> p.format().adAccounts(body, p.displayName()));
    }

    private Uni<Tokens> token(OAuthProvider p, MultiMap form) {
        return http.postAbs(p.tokenUrl()).timeout(p.requestTimeout().toMillis()).sendForm(form)
                .onFailure().transform(e -> timeout(p, e))
                .map(response -> {
                    JsonObject body = ok(p, response);
                    return new Tokens(body.getString("access_token"), body.getString("refresh_token"), body.getLong("expires_in"),
                            body.getLong("refresh_token_expires_in"));
                });
    }

    private Uni<JsonObject> get(OAuthProvider p, String url, String accessToken) {
        if (p.format() == GrantFormat.TIKTOK) {
            return http.getAbs(url).timeout(p.requestTimeout().toMillis()).putHeader("Access-Token", accessToken)
                    .addQueryParam("app_id", p.clientId()).addQueryParam("secret", p.clientSecret()).send()
                    .onFailure().transform(e -> timeout(p, e))
                    .map(response -> TikTokDialect.data(p, json(response)));
        }
        return http.getAbs(url).timeout(p.requestTimeout().toMillis()).bearerTokenAuthentication(accessToken).send()
                .onFailure().transform(e -> timeout(p, e))
                .map(response -> ok(p, response));
    }

    private static JsonObject json(HttpResponse<Buffer> response) {
        try {
            return response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static JsonObject ok(OAuthProvider p, HttpResponse<Buffer> response) {
        JsonObject body = json(response);
        if (response.statusCode() == 200 && body != null) {
            return body;
        }
        throw new ProviderFailure.Exception(OAuth2Errors.classify(p.displayName(), response.statusCode(), body,
                response.getHeader("Retry-After")));
    }

    private static ProviderFailure.Exception timeout(OAuthProvider p, Throwable e) {
        return e instanceof ProviderFailure.Exception known ? known : new ProviderFailure.Exception(
                ProviderFailure.retryable("TIMEOUT", null, p.displayName() + " did not answer: " + e.getClass().getSimpleName()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Duration seconds(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
