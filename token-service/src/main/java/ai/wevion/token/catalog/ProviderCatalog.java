package ai.wevion.token.catalog;

import ai.wevion.authclient.api.ApiException;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.provider.ProviderGateway;
import ai.wevion.token.provider.meta.MetaClient;
import ai.wevion.token.provider.meta.MetaGateway;
import ai.wevion.token.provider.oauth2.CredentialsGateway;
import ai.wevion.token.provider.oauth2.Grant;
import ai.wevion.token.provider.oauth2.OAuth2Client;
import ai.wevion.token.provider.oauth2.OAuth2Gateway;
import ai.wevion.token.provider.oauth2.OAuth2Settings;
import ai.wevion.token.store.TokenStores;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which platforms exist and how each is reached — the one place that decides
 * by a provider's kind: Meta has its own gateway and table; every entry of
 * {@code token.providers} is a standard OAuth 2.0 provider (consent screen or
 * the customer's own credentials) in {@code oauth_token}; the others are not
 * connectable yet.
 */
@ApplicationScoped
@Startup // a catalog entry missing a setting fails the start, not the first connect
public class ProviderCatalog {

    /** The platforms that exist, in the console's order (TikTok creator accounts: another grant than advertisers'). */
    public static final List<String> ALL = List.of("meta", "google-ads", "tiktok", "snapchat", "taboola", "outbrain", "stripe",
            "google-drive", "tiktok-creator");

    private static final int KNOWN_RECORDS = 200_000;

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final Map<UUID, String> platformOfRecord = new java.util.concurrent.ConcurrentHashMap<>();
    private final TokenStores stores;

    public ProviderCatalog(TokenConfig config, TokenStores stores, Vertx vertx, Clock clock) {
        this.stores = stores;
        OAuth2Client oauth = new OAuth2Client(vertx);
        Map<String, Provider> known = new LinkedHashMap<>();
        known.put(MetaGateway.PLATFORM, new Provider(new MetaGateway(new MetaClient(vertx, config.meta()), config.meta(),
                config.refresh().window(), clock), stores.metaTokens()));
        config.providers().forEach((platform, settings) -> known.put(platform, new Provider(gateway(platform, settings, oauth, clock),
                stores.oauthTokens())));
        ALL.stream().filter(known::containsKey).forEach(platform -> providers.put(platform, known.get(platform)));
    }

    private static ProviderGateway gateway(String platform, OAuth2Settings p, OAuth2Client oauth, Clock clock) {
        if (p.grant() != Grant.AUTHORIZATION_CODE) {
            return new CredentialsGateway(platform, p, oauth, clock);
        }
        if (p.authorizeUrl().isEmpty() || p.redirectUri().isEmpty() || p.clientId().isEmpty() || p.clientSecret().isEmpty()
                || p.identityUrl().isEmpty()) {
            throw new IllegalStateException("token.providers." + platform
                    + ": a consent-screen provider needs authorize-url, redirect-uri, client-id, client-secret and identity-url");
        }
        return new OAuth2Gateway(platform, p, oauth, clock);
    }

    /** 404 for a platform that does not exist, 400 for one that cannot be connected yet. */
    public Provider require(String platform) {
        Provider provider = providers.get(platform);
        if (provider == null) {
            throw ALL.contains(platform) ? ApiException.badRequest("platform_not_available", "Connecting " + platform + " is not available yet.")
                    : ApiException.notFound("Platform " + platform);
        }
        return provider;
    }

    public boolean isAvailable(String platform) {
        return providers.containsKey(platform);
    }

    /**
     * The provider of a stored record; null when there is no such record. A
     * record's platform never changes, so it is looked up once per record and
     * replica: the credentials endpoint (a sync worker's every call) then
     * costs one query, as before there were two stores to ask.
     */
    public Uni<Provider> ofPlatformUser(UUID platformUserId) {
        String known = platformOfRecord.get(platformUserId);
        if (known != null) {
            return Uni.createFrom().item(providers.get(known));
        }
        return stores.platformOf(platformUserId).map(platform -> {
            if (platform == null) {
                return null;
            }
            if (platformOfRecord.size() >= KNOWN_RECORDS) {
                platformOfRecord.clear(); // a bound, not an eviction policy: rebuilt from the next lookups
            }
            platformOfRecord.put(platformUserId, platform);
            return providers.get(platform);
        });
    }

    /** The platforms that can be connected here, in the console's order. */
    public List<Provider> available() {
        return List.copyOf(providers.values());
    }

    /** What people call it ("Google Ads"); the id for a platform that cannot be connected. */
    public String displayName(String platform) {
        Provider provider = providers.get(platform);
        return provider == null ? platform : provider.gateway().displayName();
    }
}
