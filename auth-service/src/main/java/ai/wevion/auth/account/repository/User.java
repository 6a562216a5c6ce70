package ai.wevion.auth.account.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "app_user")
public class User {

    @Id
    public UUID id;

    public UUID workspaceId;

    public String email;

    public String passwordHash;

    public Role role;

    public Instant createdAt;
}
