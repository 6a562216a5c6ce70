package ai.wevion.connector.sync.service;

import ai.wevion.connector.sync.repository.AdAccountRepository.AdAccountRow;
import java.time.Instant;
import java.util.List;

/** An ad account as the console lists it (C8): whether it syncs, through whom, and when it last did. */
public record AdAccountView(String adAccountId, String externalId, String name, String syncStatus, List<String> coveredBy,
        Instant lastSyncedAt) {

    static AdAccountView of(AdAccountRow a) {
        return new AdAccountView(a.adAccountId(), a.externalId(), a.name(), GateRules.syncStatus(a.gateOpen()), a.coveredBy(),
                a.lastSyncedAt());
    }
}
