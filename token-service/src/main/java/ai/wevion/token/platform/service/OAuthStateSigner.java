package ai.wevion.token.platform.service;

import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.crypto.Hmac;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An OAuth state is {@code nonce.signature}: a forged one is refused before any
 * database work; the nonce's hash is the key of its single-use row.
 */
@ApplicationScoped
public class OAuthStateSigner {

    public static final String BROWSER_COOKIE_PREFIX = "wevion_oauth_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Hmac hmac;

    public OAuthStateSigner(TokenConfig config) {
        this.hmac = new Hmac(config.state().secret());
    }

    public record Issued(String state, String nonceHash) {
    }

    public Issued issue() {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        String encoded = B64.encodeToString(nonce);
        return new Issued(encoded + "." + sign(encoded), hash(encoded));
    }

    /** The nonce hash of a well-signed state, or empty for a forged or malformed one. */
    public Optional<String> verify(String state) {
        if (state == null || state.length() > 200) {
            return Optional.empty();
        }
        int dot = state.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String nonce = state.substring(0, dot);
        byte[] expected = sign(nonce).getBytes(StandardCharsets.US_ASCII);
        byte[] given = state.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return Hmac.same(expected, given) ? Optional.of(hash(nonce)) : Optional.empty();
    }

    /** The cookie that ties a state to the browser that asked for it: its name and value. */
    public record BrowserBinding(String cookieName, String value) {
    }

    /**
     * The browser binding of a state (set as a cookie at authorize, checked at
     * the callback): a consent link forwarded to someone else arrives in a
     * browser without it, so it cannot attach their account to this workspace.
     */
    public BrowserBinding browserBinding(String state) {
        return new BrowserBinding(browserCookieName(state), sign("browser:" + nonce(state)));
    }

    /** The name of the state's browser-binding cookie (one per state, so two popups at once do not collide). */
    public static String browserCookieName(String state) {
        String nonce = nonce(state);
        return BROWSER_COOKIE_PREFIX + nonce.substring(0, Math.min(16, nonce.length()));
    }

    /** Whether {@code cookieValue} is the browser binding of this state, which the caller has verified. */
    public boolean bindsBrowser(String state, String cookieValue) {
        return cookieValue != null && Hmac.same(browserBinding(state).value().getBytes(StandardCharsets.US_ASCII),
                cookieValue.getBytes(StandardCharsets.US_ASCII));
    }

    private static String nonce(String state) {
        return state.substring(0, Math.max(0, state.indexOf('.')));
    }

    /**
     * The PKCE code verifier of this state (RFC 7636, 43 characters): derived
     * from the signed state with the secret, so nothing more is stored and
     * only this service can produce it at the callback.
     */
    public String codeVerifier(String state) {
        return sign("pkce:" + state);
    }

    public static String codeChallenge(String verifier) {
        return B64.encodeToString(Hmac.sha256(verifier));
    }

    private String sign(String nonce) {
        return B64.encodeToString(hmac.sign(nonce));
    }

    private static String hash(String nonce) {
        return HexFormat.of().formatHex(Hmac.sha256(nonce));
    }
}
