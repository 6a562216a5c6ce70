package ai.wevion.token.provider.oauth2;

import ai.wevion.token.provider.Granted;
import ai.wevion.token.provider.ProviderFailure;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.token.provider.ProviderFailure.Kind;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Standard OAuth 2.0 error answers (RFC 6749 §5.2) as Google, Snapchat and
 * Stripe give them (docs/providers.md): a dead grant expires the token
 * (PERMANENT), everything else is retried and never shown as "expired" (T4, T7, T8).
 */
class OAuth2ErrorsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "Google Ads | Token has been expired or revoked.",
        "Google Ads | Bad Request",
        "Google Drive | Token has been expired or revoked.",
        "Snapchat | Invalid refresh token",
        "Stripe | Authorization code does not exist: ac_123"})
    void aDeadGrantExpiresTheTokenWhateverTheCause_T4_T7(String provider, String description) {
        ProviderFailure failure = OAuth2Errors.classify(provider, 400, error("invalid_grant", description), null);

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo("INVALID_GRANT");
        assertThat(failure.retryAfter()).isNull();
        assertThat(failure.detail()).isEqualTo(provider + " answered 400 invalid_grant: " + description);
    }

    @Test
    void googlesReauthenticationDemandExpiresTheTokenAsInvalidRapt_T4_T7() {
        JsonObject body = error("invalid_grant", "reauth related error (invalid_rapt)").put("error_subtype", "invalid_rapt");

        ProviderFailure failure = OAuth2Errors.classify("Google Ads", 400, body, null);

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo("INVALID_RAPT");
    }

    @Test
    void aWorkspaceAdminsPolicyExpiresTheToken_T4_T7() {
        ProviderFailure asError = OAuth2Errors.classify("Google Ads", 400, error("admin_policy_enforced", null), null);
        ProviderFailure asSubtype = OAuth2Errors.classify("Google Ads", 400,
                error("invalid_grant", null).put("error_subtype", "admin_policy_enforced"), null);

        assertThat(asError.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(asError.reason()).isEqualTo("ADMIN_POLICY_ENFORCED");
        assertThat(asError.detail()).isEqualTo("Google Ads answered 400 admin_policy_enforced");
        assertThat(asSubtype.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(asSubtype.reason()).isEqualTo("INVALID_GRANT");
    }

    @Test
    void aRevokedTokenOnACallMadeWithItExpiresTheToken_T8() {
        // the liveness check of a token that never expires (Stripe): 401 invalid_token
        ProviderFailure failure = OAuth2Errors.classify("Stripe", 401, error("invalid_token", "Invalid Credentials"), null);

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo("REVOKED");
    }

    @Test
    void invalidTokenOutsideA401IsNotTakenForARevocation_T4() {
        ProviderFailure failure = OAuth2Errors.classify("Stripe", 400, error("invalid_token", null), null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("PROVIDER_ERROR");
    }

    /**
     * docs/providers.md ("Stripe Connect"): a revoked account answers 403
     * {@code account_invalid} (Stripe's error object): the liveness check that
     * meets it expires the token, as the deauthorization webhook does.
     */
    @Test
    void stripesAccountInvalidAfterADeauthorizationExpiresTheToken_T8() {
        JsonObject stripeError = new JsonObject().put("error", new JsonObject().put("type", "invalid_request_error")
                .put("code", "account_invalid").put("message", "The provided key does not have access to account 'acct_1'."));

        ProviderFailure failure = OAuth2Errors.classify("Stripe", 403, stripeError, null);

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.reason()).isEqualTo("REVOKED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"invalid_client", "unauthorized_client"})
    void ourOwnWrongClientCredentialsAreRetriedNeverExpiringEveryUser_T4(String error) {
        ProviderFailure failure = OAuth2Errors.classify("Google Ads", 401, error(error, "The OAuth client was not found."), null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("INVALID_CLIENT");
        assertThat(failure.retryAfter()).isNull();
        assertThat(failure.detail()).isEqualTo("Google Ads answered 401 " + error + ": The OAuth client was not found.");
    }

    @Test
    void aMalformedRequestIsRetriedAsAProviderError_T4() {
        ProviderFailure failure = OAuth2Errors.classify("Snapchat", 400, error("invalid_request", "Missing grant_type"), null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("PROVIDER_ERROR");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void aRateLimitIsRetriedAfterTheSecondsOfRetryAfter_T4() {
        ProviderFailure failure = OAuth2Errors.classify("Snapchat", 429, null, "120");

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("RATE_LIMITED");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(failure.detail()).isEqualTo("Snapchat answered 429");
    }

    @Test
    void aRetryAfterWithSpacesIsStillRead_T4() {
        assertThat(OAuth2Errors.classify("Google Ads", 429, error("rate_limit_exceeded", null), " 30 ").retryAfter())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "Retry-After \"{0}\"")
    @ValueSource(strings = {"", "soon", "Wed, 21 Oct 2015 07:28:00 GMT"})
    void aRetryAfterThatIsNotSecondsLeavesTheWaitToTheServicesBackoff_T4(String header) {
        ProviderFailure failure = OAuth2Errors.classify("Snapchat", 429, null, header);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("RATE_LIMITED");
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void aRateLimitWithoutRetryAfterIsStillRetried_T4() {
        ProviderFailure failure = OAuth2Errors.classify("Google Ads", 429, null, null);

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("RATE_LIMITED");
        assertThat(failure.retryAfter()).isNull();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 503, 504})
    void providerTroubleIsRetriedAndHonoursRetryAfter_T4(int status) {
        ProviderFailure failure = OAuth2Errors.classify("Snapchat", status, null, "45");

        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo("TRANSIENT");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(45));
        assertThat(failure.detail()).isEqualTo("Snapchat answered " + status);
    }

    @Test
    void serverErrorAndTemporarilyUnavailableAreRetried_T4() {
        ProviderFailure serverError = OAuth2Errors.classify("Google Ads", 500, error("server_error", null), null);
        ProviderFailure unavailable = OAuth2Errors.classify("Google Ads", 503, error("temporarily_unavailable", null), "10");
        ProviderFailure unavailableAs400 = OAuth2Errors.classify("Google Ads", 400, error("temporarily_unavailable", null), null);

        assertThat(serverError).extracting(ProviderFailure::kind, ProviderFailure::reason).containsExactly(Kind.RETRYABLE, "TRANSIENT");
        assertThat(unavailable).extracting(ProviderFailure::kind, ProviderFailure::reason, ProviderFailure::retryAfter)
                .containsExactly(Kind.RETRYABLE, "TRANSIENT", Duration.ofSeconds(10));
        assertThat(unavailableAs400.kind()).isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void aBodyThatIsNotJsonIsRetried_T4() {
        ProviderFailure badRequest = OAuth2Errors.classify("Taboola", 400, null, null); // XML bodies arrive as null
        ProviderFailure unauthorized = OAuth2Errors.classify("Taboola", 401, null, null);

        assertThat(badRequest).extracting(ProviderFailure::kind, ProviderFailure::reason).containsExactly(Kind.RETRYABLE, "PROVIDER_ERROR");
        assertThat(badRequest.detail()).isEqualTo("Taboola answered 400");
        assertThat(unauthorized.kind()).isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void anUnknownErrorCodeIsRetried_T4() {
        ProviderFailure failure = OAuth2Errors.classify("Google Ads", 400, error("access_denied", null), null);

        assertThat(failure).extracting(ProviderFailure::kind, ProviderFailure::reason).containsExactly(Kind.RETRYABLE, "PROVIDER_ERROR");
    }

    /** RFC 6749 §5.2: {@code {error, error_description}}. */
    private static JsonObject error(String error, String description) {
        JsonObject body = new JsonObject().put("error", error);
        return description == null ? body : body.put("error_description", description);
    }
}
