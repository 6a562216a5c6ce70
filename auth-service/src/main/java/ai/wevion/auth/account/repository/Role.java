package ai.wevion.auth.account.repository;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;

/** A user's role in their workspace (A7); written in lower case on the wire and in the JWT. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Role of(String value) {
        return Arrays.stream(values())
                .filter(r -> r.value().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be owner, admin or member"));
    }

    public boolean isAdmin() {
        return this != MEMBER;
    }

    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<Role, String> {
        @Override
        public String convertToDatabaseColumn(Role role) {
            return role.value();
        }

        @Override
        public Role convertToEntityAttribute(String value) {
            return Role.of(value);
        }
    }
}
