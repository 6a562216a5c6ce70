package ai.wevion.sim.oauth;

import jakarta.ws.rs.QueryParam;

/** The consent screen's query, as every OAuth 2.0 provider takes it (plus the simulator's {@code sim_user}). */
public class AuthorizeQuery {
    @QueryParam("client_id")
    public String clientId;
    @QueryParam("redirect_uri")
    public String redirectUri;
    @QueryParam("state")
    public String state;
    @QueryParam("code_challenge")
    public String codeChallenge;
    @QueryParam("code_challenge_method")
    public String codeChallengeMethod;
    @QueryParam("sim_user")
    public String simUser;
    /** The consent page's button: {@code allow} or {@code cancel}. */
    @QueryParam("sim_answer")
    public String simAnswer;
}
