package ai.wevion.notification.alert.repository;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;

/** Whose bell: the caller, in their workspace, and whether they are an admin or owner. */
public record Reader(UUID workspaceId, UUID userId, boolean admin) {

    /** $1 workspace, $2 user, $3 admin, as {@link BellRepository}'s queries expect them. */
    Tuple args() {
        return Tuple.of(workspaceId, userId, admin);
    }
}
