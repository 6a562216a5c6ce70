package ai.wevion.token.provider.oauth2;

import ai.wevion.token.provider.Granted;
import ai.wevion.token.provider.ProviderFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.wevion.token.ConfigStub;

import ai.wevion.token.provider.Granted.AdAccount;
import ai.wevion.token.provider.Granted.Identity;
import ai.wevion.token.provider.ProviderFailure.Kind;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each provider does differently (docs/providers.md), read from the
 * answers those providers give: who the grant belongs to and which ad accounts
 * it covers (T7, T9), the token of a credential grant, and where the token goes
 * on a call. A wrong parse connects the wrong account or none.
 */
class GrantFormatTest {

    private static final OAuth2Settings GOOGLE = provider("Google Ads");
    private static Vertx vertx;
    private static WebClient http;

    @BeforeAll
    static void client() {
        vertx = Vertx.vertx();
        http = WebClient.create(vertx);
    }

    @AfterAll
    static void close() {
        http.close();
        vertx.close();
    }

    // --- Google ---------------------------------------------------------------------------

    @Test
    void aGoogleGrantBelongsToTheUserinfoSubject_T7() {
        assertThat(GrantFormat.GOOGLE.identity(new JsonObject().put("sub", "110248495921238986420").put("name", "Ana Lima")
                .put("email", "ana@example.com"))).isEqualTo(new Identity("110248495921238986420", "Ana Lima"));
        assertThat(GrantFormat.GOOGLE.identity(new JsonObject().put("sub", "1102"))).isEqualTo(new Identity("1102", "1102"));
    }

    @Test
    void googleAdsCustomersAreNamedAfterTheProviderAndTheirNumber_T7_T9() {
        JsonObject customers = new JsonObject().put("resourceNames", new JsonArray().add("customers/1234567890").add("customers/42"));

        assertThat(GrantFormat.GOOGLE.adAccounts(customers, "Google Ads"))
                .containsExactly(new AdAccount("1234567890", "Google Ads 1234567890"), new AdAccount("42", "Google Ads 42"));
        assertThat(GrantFormat.GOOGLE.adAccounts(new JsonObject(), "Google Ads")).isEmpty();
    }

    // --- Snapchat -------------------------------------------------------------------------

    @Test
    void aSnapchatGrantBelongsToMe_T7() {
        assertThat(GrantFormat.SNAPCHAT.identity(new JsonObject().put("request_status", "SUCCESS")
                .put("me", new JsonObject().put("id", "snap-1").put("display_name", "Ana"))))
                .isEqualTo(new Identity("snap-1", "Ana"));
        assertThat(GrantFormat.SNAPCHAT.identity(new JsonObject().put("me", new JsonObject().put("id", "snap-1"))))
                .isEqualTo(new Identity("snap-1", "snap-1"));
    }

    @Test
    void snapchatAdAccountsAreGatheredFromEveryOrganization_T7_T9() {
        JsonObject organizations = new JsonObject().put("organizations", new JsonArray()
                .add(new JsonObject().put("sub_request_status", "SUCCESS").put("organization", new JsonObject().put("id", "org-1")
                        .put("ad_accounts", new JsonArray().add(new JsonObject().put("id", "aa-1").put("name", "Brand A"))
                                .add(new JsonObject().put("id", "aa-2")))))
                .add(new JsonObject().put("organization", new JsonObject().put("id", "org-2")))
                .add(new JsonObject().put("organization", new JsonObject().put("id", "org-3")
                        .put("ad_accounts", new JsonArray().add(new JsonObject().put("id", "aa-3").put("name", "Brand C"))))));

        assertThat(GrantFormat.SNAPCHAT.adAccounts(organizations, "Snapchat"))
                .containsExactly(new AdAccount("aa-1", "Brand A"), new AdAccount("aa-2", "aa-2"), new AdAccount("aa-3", "Brand C"));
    }

    // --- Stripe ---------------------------------------------------------------------------

    @Test
    void aStripeGrantBelongsToTheConnectedAccountAndCoversNoAdAccounts_T8() {
        JsonObject account = new JsonObject().put("id", "acct_1Abc").put("object", "account")
                .put("business_profile", new JsonObject().put("name", "Ana's Shop"));

        assertThat(GrantFormat.STRIPE.identity(account)).isEqualTo(new Identity("acct_1Abc", "Ana's Shop"));
        assertThat(GrantFormat.STRIPE.identity(new JsonObject().put("id", "acct_1Abc"))).isEqualTo(new Identity("acct_1Abc", "acct_1Abc"));
        assertThat(GrantFormat.STRIPE.adAccounts(account, "Stripe")).isEmpty();
    }

    @Test
    void stripesTokenAnswerGivesItsAccessToken_T8() {
        JsonObject tokens = new JsonObject().put("access_token", "sk_test_abc").put("refresh_token", "rt_abc")
                .put("stripe_user_id", "acct_1Abc").put("scope", "read_write").put("livemode", false);

        assertThat(GrantFormat.STRIPE.loginToken(tokens)).isEqualTo("sk_test_abc");
    }

    // --- TikTok ---------------------------------------------------------------------------

    @Test
    void aTikTokAnswerIsUnwrappedFromItsEnvelope_T7() {
        JsonObject envelope = new JsonObject().put("code", 0).put("message", "OK")
                .put("data", new JsonObject().put("core_user_id", "7001").put("display_name", "Ana"));

        JsonObject data = GrantFormat.TIKTOK.unwrap(TikTokDialectTest.TIKTOK, 200, envelope, null);

        assertThat(GrantFormat.TIKTOK.identity(data)).isEqualTo(new Identity("7001", "Ana"));
        assertThat(GrantFormat.TIKTOK_CREATOR.identity(data)).isEqualTo(new Identity("7001", "Ana"));
    }

    @Test
    void aTikTokErrorInsideHttp200FailsClassified_T4() {
        JsonObject envelope = new JsonObject().put("code", 40114).put("message", "The user logged out.");

        ProviderFailure.Exception advertiser = catchThrowableOfType(
                () -> GrantFormat.TIKTOK.unwrap(TikTokDialectTest.TIKTOK, 200, envelope, null), ProviderFailure.Exception.class);
        ProviderFailure.Exception creator = catchThrowableOfType(
                () -> GrantFormat.TIKTOK_CREATOR.unwrap(TikTokDialectTest.TIKTOK, 200, envelope, null), ProviderFailure.Exception.class);

        assertThat(advertiser.failure()).extracting(ProviderFailure::kind, ProviderFailure::reason)
                .containsExactly(Kind.PERMANENT, "LOGGED_OUT");
        assertThat(creator.failure().reason()).isEqualTo("LOGGED_OUT");
    }

    @Test
    void tikTokAdvertisersKeepTheirNumericIdsAsText_T7_T9() {
        JsonObject data = new JsonObject().put("list", new JsonArray()
                .add(new JsonObject().put("advertiser_id", 7012345678901234567L).put("advertiser_name", "Brand A"))
                .add(new JsonObject().put("advertiser_id", "7002")));

        assertThat(GrantFormat.TIKTOK.adAccounts(data, "TikTok"))
                .containsExactly(new AdAccount("7012345678901234567", "Brand A"), new AdAccount("7002", "7002"));
    }

    @Test
    void tikTokCreatorTokenRequestsAreJsonWithAnAuthCodeAndCoverNoAdAccounts_T7() {
        assertThat(GrantFormat.TIKTOK_CREATOR.jsonTokenRequests()).isTrue();
        assertThat(GrantFormat.TIKTOK_CREATOR.codeField()).isEqualTo("auth_code");
        assertThat(GrantFormat.TIKTOK_CREATOR.adAccounts(new JsonObject().put("list", new JsonArray().add(new JsonObject()
                .put("advertiser_id", "1"))), "TikTok creator")).isEmpty();
    }

    @Test
    void theAdvertiserTokenTravelsInAccessTokenWithTheAppsIdAndSecret_T7() {
        HttpRequest<Buffer> request = request();

        GrantFormat.TIKTOK.authenticate(request, TikTokDialectTest.TIKTOK, "act.abc");

        assertThat(request.headers().get("Access-Token")).isEqualTo("act.abc");
        assertThat(request.headers().get("Authorization")).isNull();
        assertThat(request.queryParams().get("app_id")).isEqualTo("app-42");
        assertThat(request.queryParams().get("secret")).isEqualTo("tiktok-secret");
    }

    @Test
    void theCreatorTokenTravelsInAccessTokenAlone_T7() {
        HttpRequest<Buffer> request = request();

        GrantFormat.TIKTOK_CREATOR.authenticate(request, TikTokDialectTest.TIKTOK, "act.creator");

        assertThat(request.headers().get("Access-Token")).isEqualTo("act.creator");
        assertThat(request.queryParams().contains("secret")).isFalse();
    }

    // --- Taboola and Outbrain (the account's own credentials) ----------------------------------

    @Test
    void taboolasAllowedAccountsAreItsAdAccounts_T7_T9() {
        JsonObject allowed = new JsonObject().put("results", new JsonArray()
                .add(new JsonObject().put("id", 1001).put("account_id", "brand-a").put("name", "Brand A"))
                .add(new JsonObject().put("id", 1002)));

        assertThat(GrantFormat.TABOOLA.adAccounts(allowed, "Taboola"))
                .containsExactly(new AdAccount("brand-a", "Brand A"), new AdAccount("1002", "1002"));
        assertThat(GrantFormat.TABOOLA.loginToken(new JsonObject().put("access_token", "tb-token").put("token_type", "bearer")
                .put("expires_in", 43200))).isEqualTo("tb-token");
    }

    @Test
    void outbrainsLoginTokenComesInItsOwnFieldAndGoesBackInItsOwnHeader_T7() {
        HttpRequest<Buffer> request = request();

        GrantFormat.OUTBRAIN.authenticate(request, provider("Outbrain"), "ob-token");

        assertThat(GrantFormat.OUTBRAIN.loginToken(new JsonObject().put("OB-TOKEN-V1", "ob-token"))).isEqualTo("ob-token");
        assertThat(GrantFormat.OUTBRAIN.loginToken(new JsonObject().put("access_token", "not this"))).isNull();
        assertThat(request.headers().get("OB-TOKEN-V1")).isEqualTo("ob-token");
        assertThat(request.headers().get("Authorization")).isNull();
    }

    @Test
    void outbrainsMarketersAreItsAdAccounts_T7_T9() {
        JsonObject marketers = new JsonObject().put("count", 2).put("marketers", new JsonArray()
                .add(new JsonObject().put("id", "00f4b02153ee75f3c9dc4fc128ab0419ab").put("name", "Brand A"))
                .add(new JsonObject().put("id", "m-2")));

        assertThat(GrantFormat.OUTBRAIN.adAccounts(marketers, "Outbrain"))
                .containsExactly(new AdAccount("00f4b02153ee75f3c9dc4fc128ab0419ab", "Brand A"), new AdAccount("m-2", "m-2"));
    }

    @ParameterizedTest
    @EnumSource(value = GrantFormat.class, names = {"TABOOLA", "OUTBRAIN"})
    void credentialProvidersHaveNoIdentityCall_T7(GrantFormat format) {
        assertThatThrownBy(() -> format.identity(new JsonObject().put("id", "x"))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(format.name());
    }

    // --- what every other provider does ---------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = GrantFormat.class, names = {"GOOGLE", "SNAPCHAT", "STRIPE", "TABOOLA"})
    void standardProvidersTakeABearerTokenAFormAndACode_T7(GrantFormat format) {
        HttpRequest<Buffer> request = request();

        format.authenticate(request, GOOGLE, "ya29.token");

        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer ya29.token");
        assertThat(format.jsonTokenRequests()).isFalse();
        assertThat(format.codeField()).isEqualTo("code");
    }

    @Test
    void aStandardAnswerIsTheBodyItself_T7() {
        JsonObject tokens = new JsonObject().put("access_token", "ya29.a0").put("expires_in", 3599).put("refresh_token", "1//0g")
                .put("scope", "openid https://www.googleapis.com/auth/adwords").put("token_type", "Bearer").put("id_token", "eyJ");

        assertThat(GrantFormat.GOOGLE.unwrap(GOOGLE, 200, tokens, null)).isSameAs(tokens);
    }

    @Test
    void aStandardErrorAnswerFailsWithTheOAuth2Classification_T4() {
        ProviderFailure.Exception dead = catchThrowableOfType(() -> GrantFormat.GOOGLE.unwrap(GOOGLE, 400,
                new JsonObject().put("error", "invalid_grant").put("error_description", "Token has been expired or revoked."), null),
                ProviderFailure.Exception.class);
        ProviderFailure.Exception limited = catchThrowableOfType(() -> GrantFormat.SNAPCHAT.unwrap(GOOGLE, 429, null, "7"),
                ProviderFailure.Exception.class);
        ProviderFailure.Exception empty = catchThrowableOfType(() -> GrantFormat.GOOGLE.unwrap(GOOGLE, 200, null, null),
                ProviderFailure.Exception.class);

        assertThat(dead.failure()).extracting(ProviderFailure::kind, ProviderFailure::reason).containsExactly(Kind.PERMANENT, "INVALID_GRANT");
        assertThat(dead.failure().detail()).startsWith("Google Ads answered 400 invalid_grant");
        assertThat(limited.failure()).extracting(ProviderFailure::kind, ProviderFailure::retryAfter)
                .containsExactly(Kind.RETRYABLE, Duration.ofSeconds(7));
        assertThat(empty.failure().kind()).isEqualTo(Kind.RETRYABLE); // 200 without a JSON body is not a token
    }

    /** A request that is only built, never sent (the core client: no Mutiny infrastructure to start). */
    private static HttpRequest<Buffer> request() {
        return HttpRequest.newInstance(http.getAbs("http://127.0.0.1:9/never-sent"));
    }

    private static OAuth2Settings provider(String displayName) {
        return ConfigStub.of(OAuth2Settings.class, Map.of("displayName", displayName));
    }
}
