package ai.wevion.token.provider.meta;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Meta's app and Graph API ({@code token.meta.*}, docs/providers.md). */
public interface MetaSettings {
    /** Base of the OAuth dialog (www.facebook.com in production). */
    String dialogUrl();

    /** Base of the Graph API (graph.facebook.com in production). */
    String graphUrl();

    @WithDefault("v21.0")
    String apiVersion();

    String appId();

    String appSecret();

    String redirectUri();

    @WithDefault("ads_read,ads_management,business_management")
    String scopes();

    @WithDefault("PT10S")
    Duration requestTimeout();

    /** Calls per second to Meta's token endpoint, over all refreshes of this replica. */
    @WithDefault("500")
    int maxCallsPerSecond();

    /** A deauthorize {@code signed_request} issued longer ago than this is refused as a replay. */
    @WithDefault("P1D")
    Duration signedRequestMaxAge();
}
