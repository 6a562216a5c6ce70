package ai.wevion.token.catalog;

import ai.wevion.token.provider.ProviderGateway;
import ai.wevion.token.store.TokenStore;

/** A connectable platform: how to talk to its provider, and where its tokens live. */
public record Provider(ProviderGateway gateway, TokenStore store) {

    public String platform() {
        return gateway.platform();
    }
}
