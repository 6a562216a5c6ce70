package ai.wevion.connector.sync.service;

/** The answer to "may I act on this ad account?" (C5): the platform user to act through, or why not. */
public record Gate(boolean allowed, String platformUserId, String reason, String message) {
}
