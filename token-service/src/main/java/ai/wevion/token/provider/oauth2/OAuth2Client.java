package ai.wevion.token.provider.oauth2;

import ai.wevion.token.provider.Granted;
import ai.wevion.token.provider.ProviderFailure;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Any provider of the catalog: the authorize URL (with PKCE where the
 * provider takes it), the authorization_code and refresh_token grants, the
 * credential grants (client credentials, Basic login), and the grant's
 * identity and ad accounts. How each provider shapes its requests and answers
 * is its {@link GrantFormat}; every failure is classified (T4).
 */
public class OAuth2Client {

    /**
     * A grant's tokens; {@code refreshToken} is null when the provider did not
     * send (or rotate) one, {@code expiresInSeconds} when the access token never
     * expires (Stripe, TikTok advertisers), {@code refreshExpiresInSeconds} when
     * the grant has no end of its own.
     */
    public record Tokens(String accessToken, String refreshToken, Long expiresInSeconds, Long refreshExpiresInSeconds) {
    }

    private final WebClient http;

    public OAuth2Client(Vertx vertx) {
        this.http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setMaxPoolSize(50));
    }

    public String authorizeUrl(OAuth2Settings p, String state, String codeChallenge) {
        StringBuilder url = new StringBuilder(p.authorizeUrl().orElse("")).append("?response_type=code&client_id=").append(encode(p.clientId().orElse("")))
                .append("&redirect_uri=").append(encode(p.redirectUri().orElse(""))).append("&scope=").append(encode(p.scopes().orElse("")))
                .append("&state=").append(encode(state));
        if (p.pkce()) {
            url.append("&code_challenge=").append(codeChallenge).append("&code_challenge_method=S256");
        }
        p.authorizeParams().ifPresent(extra -> url.append('&').append(extra));
        return url.toString();
    }

    public Uni<Tokens> exchangeCode(OAuth2Settings p, String code, String codeVerifier) {
        if (p.format() == GrantFormat.TIKTOK) {
            return send(p, http.postAbs(p.tokenUrl()).timeout(p.requestTimeout().toMillis())
                    .sendJsonObject(TikTokDialect.tokenRequest(p, code)))
                    .map(data -> new Tokens(data.getString("access_token"), null, null, null)); // advertiser tokens never expire
        }
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add(p.format().codeField(), code)
                .add("redirect_uri", p.redirectUri().orElse("")).add("client_id", p.clientId().orElse(""))
                .add("client_secret", p.clientSecret().orElse(""));
        if (p.pkce()) {
            form.add("code_verifier", codeVerifier);
        }
        return tokens(p, p.tokenUrl(), form);
    }

    public Uni<Tokens> refresh(OAuth2Settings p, String refreshToken) {
        return tokens(p, p.refreshUrl().orElse(p.tokenUrl()), MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "refresh_token").add("refresh_token", refreshToken)
                .add("client_id", p.clientId().orElse("")).add("client_secret", p.clientSecret().orElse("")));
    }

    /**
     * The customer's own credentials for a token (Taboola: client id and
     * secret; Outbrain: username and password). Refused credentials are the
     * customer's to fix: PERMANENT {@code INVALID_CREDENTIALS}.
     */
    public Uni<Tokens> credentialsGrant(OAuth2Settings p, String login, String secret) {
        Uni<HttpResponse<Buffer>> call = p.grant() == Grant.BASIC_LOGIN
                ? http.getAbs(p.tokenUrl()).timeout(p.requestTimeout().toMillis()).basicAuthentication(login, secret).send()
                : http.postAbs(p.tokenUrl()).timeout(p.requestTimeout().toMillis()).sendForm(MultiMap.caseInsensitiveMultiMap()
                        .add("client_id", login).add("client_secret", secret).add("grant_type", "client_credentials"));
        return call.onFailure().transform(e -> timeout(p, e)).map(response -> {
            JsonObject body = json(response);
            if (response.statusCode() == 200 && body != null) {
                Long expiresIn = body.getLong("expires_in", p.accessLifetime().map(Duration::toSeconds).orElse(null));
                return new Tokens(p.format().loginToken(body), null, expiresIn, null);
            }
            int status = response.statusCode();
            String detail = p.displayName() + " answered " + status + " to the credentials";
            throw new ProviderFailure.Exception(status == 400 || status == 401 || status == 403
                    ? ProviderFailure.permanent("INVALID_CREDENTIALS", detail)
                    : status == 429 ? ProviderFailure.retryable("RATE_LIMITED", seconds(response.getHeader("Retry-After")), detail)
                    : ProviderFailure.retryable("TRANSIENT", null, detail));
        });
    }

    public Uni<Granted.Identity> identity(OAuth2Settings p, String accessToken) {
        return get(p, p.identityUrl().orElse(""), accessToken).map(p.format()::identity);
    }

    public Uni<List<Granted.AdAccount>> adAccounts(OAuth2Settings p, String accessToken) {
        if (p.accountsUrl().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return get(p, p.accountsUrl().get(), accessToken).map(body -> p.format().adAccounts(body, p.displayName()));
    }

    /** A token request: a form, or the same fields as JSON where the provider wants that (TikTok creators). */
    private Uni<Tokens> tokens(OAuth2Settings p, String url, MultiMap form) {
        HttpRequest<Buffer> request = http.postAbs(url).timeout(p.requestTimeout().toMillis());
        if (!p.format().jsonTokenRequests()) {
            return tokens(p, request.sendForm(form));
        }
        JsonObject json = new JsonObject();
        form.forEach(entry -> json.put(entry.getKey(), entry.getValue()));
        return tokens(p, request.sendJsonObject(json));
    }

    private Uni<Tokens> tokens(OAuth2Settings p, Uni<HttpResponse<Buffer>> call) {
        return send(p, call).map(body -> new Tokens(body.getString("access_token"), body.getString("refresh_token"),
                body.getLong("expires_in"), body.getLong("refresh_token_expires_in")));
    }

    private Uni<JsonObject> get(OAuth2Settings p, String url, String accessToken) {
        HttpRequest<Buffer> request = http.getAbs(url).timeout(p.requestTimeout().toMillis());
        p.format().authenticate(request, p, accessToken);
        return send(p, request.send());
    }

    private static Uni<JsonObject> send(OAuth2Settings p, Uni<HttpResponse<Buffer>> call) {
        return call.onFailure().transform(e -> timeout(p, e))
                .map(response -> p.format().unwrap(p, response.statusCode(), json(response), response.getHeader("Retry-After")));
    }

    private static JsonObject json(HttpResponse<Buffer> response) {
        try {
            return response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ProviderFailure.Exception timeout(OAuth2Settings p, Throwable e) {
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
