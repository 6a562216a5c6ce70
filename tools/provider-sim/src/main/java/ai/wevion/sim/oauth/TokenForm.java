package ai.wevion.sim.oauth;

import jakarta.ws.rs.FormParam;

/** The token endpoint's form (RFC 6749 §4.1.3, §6, RFC 7636). */
public class TokenForm {
    @FormParam("grant_type")
    public String grantType;
    @FormParam("client_id")
    public String clientId;
    @FormParam("client_secret")
    public String clientSecret;
    @FormParam("code")
    public String code;
    @FormParam("redirect_uri")
    public String redirectUri;
    @FormParam("code_verifier")
    public String codeVerifier;
    @FormParam("refresh_token")
    public String refreshToken;
}
