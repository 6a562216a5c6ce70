package ai.wevion.auth.account.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A person who can log in; their workspaces and roles are their memberships (team package). */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    public UUID id;

    /** The workspace a login opens: the one the user chose last. */
    public UUID defaultWorkspaceId;

    public String email;

    public String passwordHash;

    public Instant createdAt;
}
