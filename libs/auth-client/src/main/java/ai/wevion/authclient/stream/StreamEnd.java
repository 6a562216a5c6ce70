package ai.wevion.authclient.stream;

/** Why a live stream ended; the page acts on it (log in again, or renew the JWT and reopen). */
public enum StreamEnd {
    /** The session ended: logout in any tab, or a forced logout (A3, A4). */
    LOGGED_OUT("logged_out"),
    /** The JWT the stream was opened with expired; a fresh one opens it again (A2). */
    TOKEN_EXPIRED("token_expired");

    private final String reason;

    StreamEnd(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
