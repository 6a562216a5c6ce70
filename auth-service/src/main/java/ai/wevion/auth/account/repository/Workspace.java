package ai.wevion.auth.account.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

@Entity
public class Workspace {

    @Id
    public UUID id;

    public String name;

    public Instant createdAt;
}
