package ai.wevion.auth.account.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.auth.TestAuthConfig;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Passwords at rest (A1): bcrypt at the configured cost, salted, and the same work for an unknown e-mail address. */
class PasswordHasherTest {

    private static Vertx vertx;
    private static PasswordHasher hasher;

    @BeforeAll
    static void hasher() {
        vertx = Vertx.vertx();
        hasher = new PasswordHasher(vertx, TestAuthConfig.defaults()); // cost 4
    }

    @AfterAll
    static void close() {
        vertx.closeAndAwait();
    }

    @Test
    void aPasswordIsStoredAsABcryptHashAtTheConfiguredCost_A1() {
        String hash = hasher.hash("correct horse battery").await().indefinitely();

        assertThat(hash).startsWith("$2a$04$").hasSize(60).doesNotContain("correct");
    }

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot_A1() {
        String hash = hasher.hash("correct horse battery").await().indefinitely();

        assertThat(hasher.matches("correct horse battery", hash).await().indefinitely()).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash).await().indefinitely()).isFalse();
        assertThat(hasher.matches("", hash).await().indefinitely()).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime_A1() {
        String first = hasher.hash("correct horse battery").await().indefinitely();
        String second = hasher.hash("correct horse battery").await().indefinitely();

        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches("correct horse battery", second).await().indefinitely()).isTrue();
    }

    @Test
    void anUnknownUserMatchesNoPasswordNotEvenTheDecoys_A1() {
        assertThat(hasher.matches("decoy password for unknown users", null).await().indefinitely()).isFalse();
        assertThat(hasher.matches("anything", null).await().indefinitely()).isFalse();
    }

    @Test
    void aPasswordOfSeventyTwoAsciiCharactersIsAccepted_A1() {
        String longest = "a".repeat(72); // the request's @Size(max = 72)
        String hash = hasher.hash(longest).await().indefinitely();

        assertThat(hasher.matches(longest, hash).await().indefinitely()).isTrue();
    }

    /**
     * Signup and login allow 72 characters (@Size counts characters), while
     * bcrypt reads at most 72 bytes: a password with accents can be longer in
     * bytes. It is a wrong password, not an error, and it can be chosen.
     */
    @Test
    void aLongPasswordWithAccentsIsAWrongPasswordNotAnError_A1() {
        String hash = hasher.hash("correct horse battery").await().indefinitely();

        assertThat(hasher.matches("é".repeat(72), hash).await().indefinitely()).isFalse();
    }

    @Test
    void aPasswordOfMoreThanSeventyTwoBytesCanBeChosenAndOnlyItMatches_A1() {
        String accented = "é".repeat(72);
        String hash = hasher.hash(accented).await().indefinitely();

        assertThat(hasher.matches(accented, hash).await().indefinitely()).isTrue();
        assertThat(hasher.matches("é".repeat(71) + "e", hash).await().indefinitely()).isFalse();
    }
}
