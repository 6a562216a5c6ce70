package ai.wevion.connector.event;

/** Why an ad account's gates are closed, in connector-status events and gate answers (C5). */
public enum GateReason {
    TOKEN_EXPIRED
}
