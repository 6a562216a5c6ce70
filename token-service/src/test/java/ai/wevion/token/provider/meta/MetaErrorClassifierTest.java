package ai.wevion.token.provider.meta;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.token.provider.ProviderFailure;
import ai.wevion.token.provider.ProviderFailure.Kind;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Meta's error answers as docs/providers.md ("Meta", "Errors") lists them: which
 * ones expire the user's token (PERMANENT: the yellow card, the bell) and which
 * are only waited out (RETRYABLE: never "expired") — T4.
 */
class MetaErrorClassifierTest {

    private static final String BUSINESS_USAGE = "{\"1234567890\":[{\"type\":\"ads_management\",\"call_count\":100,"
            + "\"total_cputime\":35,\"total_time\":42,\"estimated_time_to_regain_access\":5}]}";

    @ParameterizedTest(name = "190/{0} -> {1}")
    @CsvSource({
        "458, APP_REMOVED",
        "459, CHECKPOINT",
        "460, PASSWORD_CHANGED",
        "463, EXPIRED",
        "464, UNCONFIRMED",
        "466, REVOKED",
        "467, LOGGED_OUT",
        "493, DATA_ACCESS_EXPIRED",
        "492, PERMISSION_REMOVED"})
    void everyDeadSessionSubcodeExpiresTheTokenAndNamesWhy_T4(int subcode, String reason) {
        ProviderFailure failure = MetaErrorClassifier.classify(400, error(190, subcode, "Error validating access token"), null);

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.retryAfter()).isNull();
        assertThat(failure.detail()).isEqualTo("190/" + subcode + " Error validating access token");
    }

    @Test
    void anAccessTokenMetaCannotParseExpiresTheTokenAsInvalid_T4() {
        ProviderFailure failure = MetaErrorClassifier.classify(400,
                error(190, null, "Invalid OAuth access token - Cannot parse access token"), null);

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo("INVALID_TOKEN");
        assertThat(failure.detail()).isEqualTo("190/null Invalid OAuth access token - Cannot parse access token");
    }

    @Test
    void aDeadSessionWithASubcodeMetaAddsLaterStillExpiresTheToken_T4() {
        ProviderFailure failure = MetaErrorClassifier.classify(400, error(190, 999, "Error validating access token"), null);

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void theLegacySessionKeyError102ExpiresTheTokenLike190_T4() {
        assertThat(MetaErrorClassifier.classify(400, error(102, null, "Session key invalid or no longer valid"), null))
                .extracting(ProviderFailure::kind, ProviderFailure::reason).containsExactly(Kind.PERMANENT, "INVALID_TOKEN");
        assertThat(MetaErrorClassifier.classify(400, error(102, 463, "Session has expired"), null))
                .extracting(ProviderFailure::kind, ProviderFailure::reason).containsExactly(Kind.PERMANENT, "EXPIRED");
    }

    @ParameterizedTest(name = "code {0} is a rate limit")
    @ValueSource(ints = {4, 17, 32, 613, 80000, 80004, 80014})
    void aRateLimitIsRetriedWhenMetaSaysAccessReturnsAndNeverExpiresTheToken_T4(int code) {
        ProviderFailure failure = MetaErrorClassifier.classify(400, error(code, code == 17 ? 2446079 : null, "User request limit reached"),
                BUSINESS_USAGE);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("RATE_LIMITED");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(failure.detail()).isEqualTo(code + " User request limit reached");
    }

    @Test
    void aRateLimitWithoutUsageHeaderIsRetriedOnTheServicesOwnBackoff_T4() {
        ProviderFailure failure = MetaErrorClassifier.classify(400, error(4, null, "Application request limit reached"), null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("RATE_LIMITED");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void aCodeJustPastTheBusinessUseCaseRangeIsNotARateLimit_T4() {
        ProviderFailure failure = MetaErrorClassifier.classify(400, error(80015, null, "Something else"), BUSINESS_USAGE);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void theWaitIsTheLongestOfEveryBusinessAndUseCaseInTheUsageHeader_T4() {
        String usage = "{\"111\":[{\"type\":\"ads_insights\",\"estimated_time_to_regain_access\":3},"
                + "{\"type\":\"ads_management\",\"estimated_time_to_regain_access\":42}],"
                + "\"222\":[{\"type\":\"custom_audience\",\"estimated_time_to_regain_access\":17}]}";

        assertThat(MetaErrorClassifier.regainAccess(usage)).isEqualTo(Duration.ofMinutes(42));
    }

    @Test
    void aUsageHeaderThatIsMissingBlankZeroOrGarbledGivesNoWait_T4() {
        assertThat(MetaErrorClassifier.regainAccess(null)).isNull();
        assertThat(MetaErrorClassifier.regainAccess("  ")).isNull();
        assertThat(MetaErrorClassifier.regainAccess("{\"111\":[{\"type\":\"ads_management\",\"call_count\":100}]}")).isNull();
        assertThat(MetaErrorClassifier.regainAccess("{\"111\":[{\"estimated_time_to_regain_access\":0}]}")).isNull();
        assertThat(MetaErrorClassifier.regainAccess("not json")).isNull();
        assertThat(MetaErrorClassifier.regainAccess("{\"111\":\"not a list\"}")).isNull();
    }

    @Test
    void metasTransientError2IsRetriedAndNeverExpiresTheToken_T4() {
        JsonObject body = error(2, null, "Service temporarily unavailable");
        body.getJsonObject("error").put("is_transient", true);

        ProviderFailure failure = MetaErrorClassifier.classify(503, body, null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(failure.detail()).isEqualTo("2 Service temporarily unavailable");
    }

    @Test
    void metasUnknownError1IsRetriedAndNeverExpiresTheToken_T4() {
        ProviderFailure failure = MetaErrorClassifier.classify(500, error(1, null, "An unknown error occurred"), null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("PROVIDER_UNAVAILABLE");
    }

    @Test
    void aWrongAppSecretIsOurFaultAndExpiresNobodysToken_T1() {
        ProviderFailure failure = MetaErrorClassifier.classify(400, error(1, null, "Error validating client secret."), null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
    }

    @ParameterizedTest(name = "code 100/{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "36009 | This authorization code has been used.",
        "36007 | This authorization code has expired."})
    void aUsedOrExpiredAuthorizationCodeFailsTheConnectForGood_T1(int subcode, String message) {
        ProviderFailure failure = MetaErrorClassifier.classify(400, error(100, subcode, message), null);

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo("INVALID_CODE");
        assertThat(failure.detail()).isEqualTo(message);
    }

    @Test
    void anotherCode100IsNotMistakenForADeadCode_T4() {
        ProviderFailure failure = MetaErrorClassifier.classify(400, error(100, null, "Missing redirect_uri parameter."), null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("PROVIDER_UNAVAILABLE");
    }

    @ParameterizedTest(name = "HTTP {0} without a JSON body")
    @ValueSource(ints = {500, 502, 503, 504, 200})
    void anAnswerWithoutAJsonBodyIsRetriedAndNeverExpiresTheToken_T4(int status) {
        ProviderFailure failure = MetaErrorClassifier.classify(status, null, null); // MetaClient passes null for HTML or empty bodies

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(failure.retryAfter()).isNull();
        assertThat(failure.detail()).isEqualTo("HTTP " + status + " without an error body");
    }

    @Test
    void aJsonBodyWithoutAnErrorObjectIsRetried_T4() {
        ProviderFailure failure = MetaErrorClassifier.classify(502, new JsonObject().put("message", "Bad Gateway"), null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("PROVIDER_UNAVAILABLE");
    }

    @Test
    void anErrorWithoutACodeIsRetried_T4() {
        ProviderFailure failure = MetaErrorClassifier.classify(400, new JsonObject().put("error", new JsonObject().put("message", "?")), null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.detail()).isEqualTo("0 ?");
    }

    /**
     * A proxy or load balancer in front of Graph can answer {@code {"error": "Bad Gateway"}},
     * and a code can come as text: both are classified, never an unclassified crash.
     */
    @Test
    void anErrorThatIsNotMetasEnvelopeIsRetried_T4() {
        ProviderFailure asText = MetaErrorClassifier.classify(502, new JsonObject().put("error", "Bad Gateway"), null);
        ProviderFailure codeAsText = MetaErrorClassifier.classify(400,
                new JsonObject().put("error", new JsonObject().put("code", "190").put("message", "?")), null);

        assertThat(asText.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(codeAsText.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(codeAsText.reason()).isEqualTo("INVALID_TOKEN");
    }

    /** Not in docs/providers.md: Meta's permission errors (10, 200–299) leave the token as it is. */
    @ParameterizedTest(name = "permission code {0}")
    @ValueSource(ints = {10, 200, 250, 299})
    void aPermissionErrorDoesNotExpireTheToken_T4(int code) {
        ProviderFailure failure = MetaErrorClassifier.classify(400, error(code, null, "Permissions error"), null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("PROVIDER_UNAVAILABLE");
    }

    /** Meta's envelope (docs/providers.md): {@code {error: {message, type: OAuthException, code, error_subcode, fbtrace_id}}}. */
    private static JsonObject error(int code, Integer subcode, String message) {
        JsonObject error = new JsonObject().put("message", message).put("type", "OAuthException").put("code", code)
                .put("fbtrace_id", "AbCdEf0123456789");
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        return new JsonObject().put("error", error);
    }
}
