package ai.wevion.auth.account.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A user's role in their workspace (A7): its lower-case name on the wire, in the JWT and in the database. */
class RoleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ownersAndAdminsAreAdminsAndMembersAreNot_A7_T8() {
        assertThat(Role.OWNER.isAdmin()).isTrue();
        assertThat(Role.ADMIN.isAdmin()).isTrue();
        assertThat(Role.MEMBER.isAdmin()).isFalse();
    }

    @Test
    void rolesAreWrittenInLowerCase_A7() throws Exception {
        assertThat(Role.OWNER.value()).isEqualTo("owner");
        assertThat(Role.ADMIN.value()).isEqualTo("admin");
        assertThat(Role.MEMBER.value()).isEqualTo("member");
        assertThat(JSON.writeValueAsString(Role.ADMIN)).isEqualTo("\"admin\"");
        assertThat(JSON.readValue("\"member\"", Role.class)).isEqualTo(Role.MEMBER);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleReadsBackAsItself_A7(Role role) {
        Role.Column column = new Role.Column();

        assertThat(Role.of(role.value())).isEqualTo(role);
        assertThat(column.convertToEntityAttribute(column.convertToDatabaseColumn(role))).isEqualTo(role);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"OWNER", "Admin", "service", "superuser", "", " member"})
    void anythingElseIsRefusedWithTheRolesThatExist_A7(String value) {
        assertThatThrownBy(() -> Role.of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role must be owner, admin or member");
    }

    @Test
    void aRequestNamingAnUnknownRoleIsRefused_A7() {
        assertThatThrownBy(() -> JSON.readValue("\"service\"", Role.class)).isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("role must be owner, admin or member");
    }
}
