package ai.wevion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.authclient.Caller;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** Who an audit entry names (issue 14, point 8; A5): the person at the keyboard, and whom they acted as. */
class AuditEntryTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void anAdminActingForThemselvesIsTheActorAndThereIsNoSubject_A7() {
        AuditEntry e = AuditEntry.of(caller("u-1", null), "auth-service", "member.removed", "user:u-2", null, "req-1", NOW);

        assertThat(e.actorId()).isEqualTo("u-1");
        assertThat(e.subjectId()).isNull();
        assertThat(e.workspaceId()).isEqualTo("ws-1");
        assertThat(e.type()).isEqualTo(AuditEntry.TYPE);
    }

    @Test
    void whileImpersonatingTheAdminIsTheActorAndTheUserTheSubject_A5() {
        AuditEntry e = AuditEntry.of(caller("u-1", "admin-9"), "token-service", "platform_user.archived", "platform-user:p", null,
                "req-2", NOW);

        assertThat(e.actorId()).isEqualTo("admin-9");
        assertThat(e.subjectId()).isEqualTo("u-1");
    }

    /** The caller as auth-client reads it from a verified JWT: {@code sub}, {@code ws}, and {@code act.sub} while impersonating. */
    private static Caller caller(String userId, String impersonatorId) {
        Map<String, Object> claims = new HashMap<>(Map.of("sub", userId, "ws", "ws-1"));
        if (impersonatorId != null) {
            claims.put("act", jakarta.json.Json.createObjectBuilder().add("sub", impersonatorId).build());
        }
        JsonWebToken jwt = (JsonWebToken) Proxy.newProxyInstance(JsonWebToken.class.getClassLoader(), new Class<?>[] {JsonWebToken.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getGroups" -> Set.of("admin");
                    case "getSubject" -> claims.get("sub");
                    case "getClaim" -> claims.get(String.valueOf(args[0]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new Caller(jwt);
    }
}
