package ai.wevion.token.provider;

/** How a platform connects: its consent screen in a popup, or the account's own API credentials in a form. */
public enum Flow {
    CONSENT_POPUP, CREDENTIALS_FORM
}
