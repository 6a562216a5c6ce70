package ai.wevion.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ai.wevion.auth.AuthApi.Login;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Service-to-service: client credentials, and /internal/v1/** for service JWTs only. */
@QuarkusTest
class ServiceCredentialsTest {

    @Test
    void aRegisteredServiceGetsAServiceJwtThatOpensInternalEndpoints() {
        Login owner = AuthApi.newWorkspaceOwner();
        String serviceJwt = given().auth().preemptive().basic("notification-service", "local-notification-service-secret")
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then().statusCode(200).body("token_type", equalTo("Bearer")).body("expires_in", equalTo(3600))
                .extract().path("access_token");

        assertThat(AuthApi.claims(serviceJwt).get("groups")).asList().containsExactly("service");
        given().header("Authorization", "Bearer " + serviceJwt)
                .get("/internal/v1/workspaces/" + owner.workspaceId() + "/members")
                .then().statusCode(200).body("email", hasItem(owner.email())).body("[0].role", equalTo("owner"));
    }

    @Test
    void aClientSecretSentAsFormParametersWorksToo() {
        given().formParam("grant_type", "client_credentials").formParam("client_id", "sync-worker")
                .formParam("client_secret", "local-sync-worker-secret")
                .post("/oauth2/token").then().statusCode(200);
    }

    @Test
    void aWrongSecretOrGrantIsRefused() {
        given().auth().preemptive().basic("token-service", "guess").formParam("grant_type", "client_credentials")
                .post("/oauth2/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().auth().preemptive().basic("sync-worker", "local-sync-worker-secret").formParam("grant_type", "password")
                .post("/oauth2/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void aSessionJwtCannotCallInternalEndpointsAndAServiceJwtCannotActAsAUser() {
        Login owner = AuthApi.newWorkspaceOwner();
        given().header("Authorization", owner.bearer()).get("/internal/v1/workspaces/" + owner.workspaceId() + "/members")
                .then().statusCode(403);
        given().get("/internal/v1/workspaces/" + owner.workspaceId() + "/members").then().statusCode(401);

        String serviceJwt = given().formParam("grant_type", "client_credentials").formParam("client_id", "notification-service")
                .formParam("client_secret", "local-notification-service-secret").post("/oauth2/token").path("access_token");
        AuthApi.me(serviceJwt).then().statusCode(403);
    }

    @Test
    void repeatedWrongSecretsForOneClientAreSlowedDownWithoutLockingOutTheRealClient() {
        String guessed = "guessed-client-" + java.util.UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            given().auth().preemptive().basic(guessed, "guess-" + i).formParam("grant_type", "client_credentials")
                    .post("/oauth2/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        }
        var slowed = given().auth().preemptive().basic(guessed, "guess-7").formParam("grant_type", "client_credentials")
                .post("/oauth2/token");
        slowed.then().statusCode(429).body("error", equalTo("too_many_attempts"));
        assertThat(Integer.parseInt(slowed.header("Retry-After"))).isPositive();

        given().auth().preemptive().basic("sync-worker", "local-sync-worker-secret").formParam("grant_type", "client_credentials")
                .post("/oauth2/token").then().statusCode(200);
    }

    @Test
    void aServiceJwtCarriesItsClientsScopesAndTheServicesItMayCallAndIsRefusedElsewhere() {
        Login owner = AuthApi.newWorkspaceOwner();
        String workerJwt = given().auth().preemptive().basic("sync-worker", "local-sync-worker-secret")
                .formParam("grant_type", "client_credentials").post("/oauth2/token").then().statusCode(200).extract().path("access_token");

        assertThat(AuthApi.claims(workerJwt)).containsEntry("scope", "credentials:read");
        assertThat(String.valueOf(AuthApi.claims(workerJwt).get("aud"))).contains("token-service").doesNotContain("auth-service");
        // meant for token-service only: auth-service does not take it
        given().header("Authorization", "Bearer " + workerJwt).get("/internal/v1/workspaces/" + owner.workspaceId() + "/members")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }
}
