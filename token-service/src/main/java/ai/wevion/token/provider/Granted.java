package ai.wevion.token.provider;

/** What a provider says about the account behind a grant, whichever provider it is. */
public final class Granted {

    private Granted() {
    }

    /** The provider's user (its id is the platform user's {@code externalUserId}). */
    public record Identity(String id, String name) {
    }

    /** An ad account the grant covers. */
    public record AdAccount(String externalId, String name) {
    }
}
