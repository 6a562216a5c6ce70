package ai.wevion.auth.session.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** Audit of an admin acting as a user: who, whom, when, until (A5). */
@Entity
public class Impersonation {

    @Id
    public UUID id;

    public UUID adminId;

    public UUID userId;

    public UUID workspaceId;

    public UUID sessionId;

    public Instant startedAt;

    public Instant until;

    public Instant endedAt;
}
