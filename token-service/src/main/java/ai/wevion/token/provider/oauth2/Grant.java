package ai.wevion.token.provider.oauth2;

/** How a provider hands out access tokens. */
public enum Grant {
    /** The consent screen, then the code and refresh tokens (Google, Snapchat, TikTok, Stripe). */
    AUTHORIZATION_CODE,
    /** The customer's own API client id and secret, exchanged for a token each time (Taboola). */
    CLIENT_CREDENTIALS,
    /** The customer's username and password over HTTP Basic, exchanged for a token (Outbrain). */
    BASIC_LOGIN
}
