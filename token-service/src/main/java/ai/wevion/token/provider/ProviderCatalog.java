package ai.wevion.token.provider;

import ai.wevion.session.api.ApiException;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.config.TokenConfig.OAuthProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which platforms exist (CONTRACT) and how each authenticates: Meta has its
 * own client; standard OAuth 2.0 providers are entries of
 * {@code token.providers}; the others are not connectable yet.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // a catalog entry missing a setting fails the start, not the first connect
public class ProviderCatalog {

    public static final String META = "meta";
    /** CONTRACT's platforms, and TikTok creator accounts (an extension: another grant than advertisers'). */
    public static final Set<String> ALL = Set.of("meta", "google-ads", "tiktok", "tiktok-creator", "snapchat", "taboola", "outbrain",
            "stripe", "google-drive");

    /** The order the console shows them in. */
    private static final List<String> ORDER = List.of("meta", "google-ads", "tiktok", "snapchat", "taboola", "outbrain", "stripe",
            "google-drive", "tiktok-creator");

    /** How a platform connects: its consent screen in a popup, or the account's own API credentials in a form. */
    public enum Flow {
        CONSENT_POPUP, CREDENTIALS_FORM
    }

    private final TokenConfig config;

    public ProviderCatalog(TokenConfig config) {
        this.config = config;
        config.providers().forEach((platform, p) -> {
            boolean consent = p.grant() == Grant.AUTHORIZATION_CODE;
            if (consent && (p.authorizeUrl().isEmpty() || p.redirectUri().isEmpty() || p.clientId().isEmpty()
                    || p.clientSecret().isEmpty() || p.identityUrl().isEmpty())) {
                throw new IllegalStateException("token.providers." + platform
                        + ": a consent-screen provider needs authorize-url, redirect-uri, client-id, client-secret and identity-url");
            }
        });
    }

    /** 404 for a platform that does not exist, 400 for one that cannot be connected yet. */
    public void requireAvailable(String platform) {
        if (!ALL.contains(platform)) {
            throw ApiException.notFound("Platform " + platform);
        }
        if (!META.equals(platform) && oauth(platform).isEmpty()) {
            throw ApiException.badRequest("platform_not_available", "Connecting " + platform + " is not available yet.");
        }
    }

    public Optional<OAuthProvider> oauth(String platform) {
        return Optional.ofNullable(config.providers().get(platform));
    }

    public OAuthProvider requireOAuth(String platform) {
        return oauth(platform).orElseThrow(() -> new IllegalStateException("no OAuth 2.0 provider " + platform));
    }

    /** Integrations whose connect and re-authorize need admin or owner (T8). */
    public boolean adminOnly(String platform) {
        return oauth(platform).map(OAuthProvider::adminOnly).orElse(false);
    }

    /** The platforms that can be connected here, in the console's order. */
    public List<String> available() {
        return ORDER.stream().filter(p -> META.equals(p) || oauth(p).isPresent()).toList();
    }

    public Flow flow(String platform) {
        return oauth(platform).filter(p -> p.grant() != Grant.AUTHORIZATION_CODE).isPresent() ? Flow.CREDENTIALS_FORM : Flow.CONSENT_POPUP;
    }

    public String displayName(String platform) {
        return META.equals(platform) ? "Meta" : oauth(platform).map(OAuthProvider::displayName).orElse(platform);
    }
}
