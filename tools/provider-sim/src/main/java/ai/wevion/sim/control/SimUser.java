package ai.wevion.sim.control;

import java.util.List;

/** A user of one simulated provider, with the ad accounts they can see and their injected failure. */
public final class SimUser {

    public record AdAccount(String id, String name) {
    }

    private final String provider;
    private final String id;
    private final String name;
    private final Long tokenLifetimeSeconds;
    private final Long dataAccessSeconds;
    private final List<AdAccount> adAccounts;
    private FailureMode failure = FailureMode.NONE;
    private Integer failureCode;
    private int remainingFailures = -1;

    SimUser(String provider, String id, String name, Long tokenLifetimeSeconds, Long dataAccessSeconds, List<AdAccount> adAccounts) {
        this.provider = provider;
        this.id = id;
        this.name = name;
        this.tokenLifetimeSeconds = tokenLifetimeSeconds;
        this.dataAccessSeconds = dataAccessSeconds;
        this.adAccounts = List.copyOf(adAccounts);
    }

    public String provider() {
        return provider;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The lifetime of tokens issued to this user, or the provider's real one when not set. */
    public long tokenLifetimeSeconds(long providerDefault) {
        return tokenLifetimeSeconds != null ? tokenLifetimeSeconds : providerDefault;
    }

    /** How long the app may still read this user's data (Meta: 90 days from last activity), or the default. */
    public long dataAccessSeconds(long providerDefault) {
        return dataAccessSeconds != null ? dataAccessSeconds : providerDefault;
    }

    public List<AdAccount> adAccounts() {
        return adAccounts;
    }

    /**
     * From now on every call fails this way, {@code count} times or (count null)
     * until NONE; {@code code} picks one of the provider's codes for the mode
     * (for example Meta's rate-limit codes 4, 17, 32, 613, 80000, 80004).
     */
    public synchronized void failWith(FailureMode mode, Integer count, Integer code) {
        failure = mode;
        failureCode = code;
        remainingFailures = count == null ? -1 : count;
    }

    /** The failure this call must suffer (mode NONE for success); counts it down. */
    public synchronized Failure takeFailure() {
        if (failure == FailureMode.NONE || remainingFailures == 0) {
            return new Failure(FailureMode.NONE, null);
        }
        if (remainingFailures > 0) {
            remainingFailures--;
        }
        return new Failure(failure, failureCode);
    }

    public record Failure(FailureMode mode, Integer code) {
    }
}
