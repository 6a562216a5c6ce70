package ai.wevion.token.provider.oauth2;

import ai.wevion.token.provider.Granted;
import ai.wevion.token.provider.ProviderFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.wevion.token.ConfigStub;

import ai.wevion.token.provider.ProviderFailure.Kind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TikTok's Marketing API (docs/providers.md "TikTok"): errors arrive inside
 * HTTP 200 with a non-zero {@code code}; dead credentials expire the token,
 * rate limits and trouble are retried (T4, T7).
 */
class TikTokDialectTest {

    static final OAuth2Settings TIKTOK = ConfigStub.of(OAuth2Settings.class,
            Map.of("displayName", "TikTok", "clientId", "app-42", "clientSecret", "tiktok-secret"));

    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource({
        "40102, EXPIRED",
        "40103, REFRESH_EXPIRED",
        "40105, REVOKED",
        "40107, INVALID_REFRESH_TOKEN",
        "40110, INVALID_AUTH_CODE",
        "40114, LOGGED_OUT"})
    void deadCredentialsExpireTheTokenAndNameWhy_T4_T7(int code, String reason) {
        ProviderFailure failure = TikTokDialect.classify(code, "TikTok answered code " + code);

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.retryAfter()).isNull();
        assertThat(failure.detail()).isEqualTo("TikTok answered code " + code);
    }

    /** Rate limits, provider trouble, our own app credentials (40001), and codes docs/providers.md does not list. */
    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource({
        "40100, RATE_LIMITED",
        "40132, RATE_LIMITED",
        "61000, RATE_LIMITED",
        "50000, TRANSIENT",
        "50002, TRANSIENT",
        "51000, TRANSIENT",
        "51021, TRANSIENT",
        "51999, TRANSIENT",
        "60001, TRANSIENT",
        "40001, INVALID_CLIENT",
        "40002, TRANSIENT",
        "40104, TRANSIENT",
        "40999, TRANSIENT",
        "-1, TRANSIENT"})
    void everythingButDeadCredentialsIsRetriedAndNeverExpiresTheToken_T4(int code, String reason) {
        ProviderFailure failure = TikTokDialect.classify(code, "TikTok answered code " + code);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void aSuccessfulEnvelopeGivesItsData_T7() {
        JsonObject envelope = new JsonObject().put("code", 0).put("message", "OK").put("request_id", "2024")
                .put("data", new JsonObject().put("access_token", "act.abc").put("advertiser_ids", new JsonArray()
                        .add("7001").add("7002")).put("scope", new JsonArray().add(4)));

        JsonObject data = TikTokDialect.data(TIKTOK, envelope);

        assertThat(data.getString("access_token")).isEqualTo("act.abc");
        assertThat(data.getJsonArray("advertiser_ids")).containsExactly("7001", "7002");
    }

    @Test
    void aSuccessfulEnvelopeWithoutDataGivesAnEmptyObject_T7() {
        assertThat(TikTokDialect.data(TIKTOK, new JsonObject().put("code", 0).put("message", "OK"))).isEqualTo(new JsonObject());
    }

    @Test
    void anErrorEnvelopeFailsWithTheClassifiedFailureAndTikToksMessage_T4() {
        JsonObject envelope = new JsonObject().put("code", 40105).put("message", "The access token is invalid or has been revoked.");

        ProviderFailure.Exception e = catchThrowableOfType(() -> TikTokDialect.data(TIKTOK, envelope), ProviderFailure.Exception.class);

        assertThat(e.failure().kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.failure().reason()).isEqualTo("REVOKED");
        assertThat(e.failure().detail()).isEqualTo("TikTok answered code 40105: The access token is invalid or has been revoked.");
    }

    @Test
    void aMissingOrCodelessEnvelopeIsRetried_T4() {
        ProviderFailure.Exception missing = catchThrowableOfType(() -> TikTokDialect.data(TIKTOK, null), ProviderFailure.Exception.class);
        ProviderFailure.Exception codeless = catchThrowableOfType(() -> TikTokDialect.data(TIKTOK, new JsonObject().put("data",
                new JsonObject())), ProviderFailure.Exception.class);

        assertThat(missing.failure()).extracting(ProviderFailure::kind, ProviderFailure::reason).containsExactly(Kind.RETRYABLE, "TRANSIENT");
        assertThat(missing.failure().detail()).isEqualTo("TikTok answered code -1");
        assertThat(codeless.failure().kind()).isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void theTokenRequestIsJsonWithAppIdSecretAndAuthCode_T7() {
        assertThat(TikTokDialect.tokenRequest(TIKTOK, "auth-code-1")).isEqualTo(new JsonObject()
                .put("app_id", "app-42").put("secret", "tiktok-secret").put("auth_code", "auth-code-1"));
    }
}
