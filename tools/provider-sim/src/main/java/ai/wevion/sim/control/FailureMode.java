package ai.wevion.sim.control;

/** The failures a test can inject for one simulated user; each provider maps them to its real error. */
public enum FailureMode {
    EXPIRED, APP_REMOVED, PASSWORD_CHANGED, CHECKPOINT, UNCONFIRMED, LOGGED_OUT, DATA_ACCESS_EXPIRED,
    INVALID_GRANT, RATE_LIMITED, TRANSIENT, TIMEOUT, NONE
}
