package ai.wevion.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One table that would grow for ever and which of its rows may go: those
 * whose {@code age} (a timestamp column, or an expression over the table's
 * columns, declared in code) is older than {@code maxAge}. A row whose age is
 * null is kept (e.g. a sync request not completed yet). The age can be changed
 * without a build: setting {@code retention.<table>.max-age}.
 */
public record RetentionRule(String table, String age, Duration maxAge) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public RetentionRule {
        Objects.requireNonNull(age, "age");
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("retention of " + table + " must be positive: " + maxAge);
        }
    }

    /** The setting that overrides {@link #maxAge()}. */
    public String setting() {
        return "retention." + table + ".max-age";
    }

    RetentionRule withMaxAge(Duration configured) {
        return new RetentionRule(table, age, configured);
    }
}
