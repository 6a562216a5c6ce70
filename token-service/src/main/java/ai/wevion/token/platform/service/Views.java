package ai.wevion.token.platform.service;

import ai.wevion.token.platform.repository.PlatformUser;
import ai.wevion.token.platform.service.TokenStatusEvent.AdAccountRef;
import ai.wevion.token.platform.service.TokenStatusEvent.PlatformUserView;

/** The event's view of a platform user entity. */
final class Views {

    private Views() {
    }

    static PlatformUserView of(PlatformUser user) {
        return new PlatformUserView(user.workspaceId.toString(), user.platform, user.id.toString(), user.externalUserId,
                user.displayName, user.status,
                user.adAccounts.stream().map(a -> new AdAccountRef(a.adAccountId.toString(), a.externalId, a.name)).toList(),
                user.connectedBy.toString());
    }
}
