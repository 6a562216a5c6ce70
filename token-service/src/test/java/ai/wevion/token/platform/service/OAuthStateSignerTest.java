package ai.wevion.token.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.token.ConfigStub;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.platform.service.OAuthStateSigner.BrowserBinding;
import ai.wevion.token.platform.service.OAuthStateSigner.Issued;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OAuth state of the consent popup (T1): signed so a forged state is refused
 * before any database work, bound to the browser that asked, and the PKCE
 * verifier derived from it (RFC 7636). Single use and the 10-minute expiry are
 * the {@code oauth_state} row's (ConnectService), not the signer's.
 */
class OAuthStateSignerTest {

    private final OAuthStateSigner signer = signer("local-oauth-state-secret");

    @Test
    void aStateThisServiceIssuedIsAcceptedAndNamesItsSingleUseRow_T1() {
        Issued issued = signer.issue();

        assertThat(signer.verify(issued.state())).contains(issued.nonceHash());
        assertThat(issued.nonceHash()).matches("[0-9a-f]{64}");
        assertThat(issued.state()).matches("[A-Za-z0-9_-]{32}\\.[A-Za-z0-9_-]{43}"); // URL-safe: no encoding in the redirect
    }

    @Test
    void everyStateIsNew_T1() {
        Set<String> states = new HashSet<>();
        Set<String> rows = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Issued issued = signer.issue();
            states.add(issued.state());
            rows.add(issued.nonceHash());
        }

        assertThat(states).hasSize(100);
        assertThat(rows).hasSize(100);
    }

    @Test
    void aStateWithATamperedSignatureOrNonceIsRefused_T1() {
        String state = signer.issue().state();
        int dot = state.indexOf('.');
        String nonce = state.substring(0, dot);
        String signature = state.substring(dot + 1);

        assertThat(signer.verify(nonce + "." + flipLast(signature))).isEmpty();
        assertThat(signer.verify(flipLast(nonce) + "." + signature)).isEmpty();
        assertThat(signer.verify(nonce + "." + signature + "x")).isEmpty();
        assertThat(signer.verify(nonce + "." + signature.substring(1))).isEmpty();
        assertThat(signer.verify(signer.issue().state().substring(0, dot) + "." + signature)).isEmpty(); // another state's signature
    }

    @Test
    void aStateSignedWithAnotherSecretIsRefused_T1() {
        String forged = signer("someone-elses-secret").issue().state();

        assertThat(signer.verify(forged)).isEmpty();
    }

    @Test
    void malformedStatesAreRefusedWithoutAnError_T1() {
        assertThat(signer.verify(null)).isEmpty();
        assertThat(signer.verify("")).isEmpty();
        assertThat(signer.verify("no-dot-at-all")).isEmpty();
        assertThat(signer.verify(".signature-without-nonce")).isEmpty();
        assertThat(signer.verify("nonce.")).isEmpty();
        assertThat(signer.verify("a".repeat(150) + "." + "b".repeat(60))).isEmpty(); // over 200 characters
    }

    @Test
    void theStatesCookieBindsOnlyTheBrowserThatAskedForIt_T1() {
        String state = signer.issue().state();
        String other = signer.issue().state();
        BrowserBinding binding = signer.browserBinding(state);

        assertThat(signer.bindsBrowser(state, binding.value())).isTrue();
        assertThat(signer.bindsBrowser(state, signer.browserBinding(other).value())).isFalse();
        assertThat(signer.bindsBrowser(state, null)).isFalse();
        assertThat(signer.bindsBrowser(state, "")).isFalse();
        assertThat(signer.bindsBrowser(state, flipLast(binding.value()))).isFalse();
        assertThat(signer("someone-elses-secret").bindsBrowser(state, binding.value())).isFalse();
    }

    @Test
    void eachStateHasItsOwnCookieSoTwoPopupsDoNotCollide_T1() {
        String state = signer.issue().state();
        BrowserBinding binding = signer.browserBinding(state);

        assertThat(binding.cookieName()).isEqualTo(OAuthStateSigner.BROWSER_COOKIE_PREFIX + state.substring(0, 16));
        assertThat(OAuthStateSigner.browserCookieName(state)).isEqualTo(binding.cookieName());
        assertThat(binding.cookieName()).isNotEqualTo(signer.browserBinding(signer.issue().state()).cookieName());
        assertThat(binding.value()).doesNotContain(state).isNotEqualTo(state.substring(state.indexOf('.') + 1));
    }

    @Test
    void thePkceChallengeIsS256OfTheVerifierAsInRfc7636AppendixB_T7() {
        assertThat(OAuthStateSigner.codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void thePkceVerifierIsA43CharacterSecretOnlyThisServiceCanDeriveFromTheState_T7() {
        String state = signer.issue().state();
        String verifier = signer.codeVerifier(state);

        assertThat(verifier).matches("[A-Za-z0-9_-]{43}"); // RFC 7636 §4.1: 43–128 unreserved characters
        assertThat(signer.codeVerifier(state)).isEqualTo(verifier);
        assertThat(signer.codeVerifier(signer.issue().state())).isNotEqualTo(verifier);
        assertThat(signer("someone-elses-secret").codeVerifier(state)).isNotEqualTo(verifier);
        assertThat(verifier).isNotEqualTo(signer.browserBinding(state).value());
    }

    private static OAuthStateSigner signer(String secret) {
        TokenConfig.State state = ConfigStub.of(TokenConfig.State.class, Map.of("secret", secret));
        return new OAuthStateSigner(ConfigStub.of(TokenConfig.class, Map.of("state", state)));
    }

    private static String flipLast(String s) {
        char last = s.charAt(s.length() - 1);
        return s.substring(0, s.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
