package ai.wevion.auth.team.repository;

import ai.wevion.auth.account.repository.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A one-time link that lets one e-mail address join a workspace with a role; only its token's SHA-256 is kept. */
@Entity
public class Invitation {

    @Id
    public UUID id;

    public UUID workspaceId;

    public String email;

    public Role role;

    public String tokenHash;

    public UUID invitedBy;

    public Instant createdAt;

    public Instant expiresAt;

    public Instant acceptedAt;

    public UUID acceptedBy;
}
