package ai.wevion.authclient.stream;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A stream ticket presented on the stream path it was issued for. */
public class StreamTicketRequest extends BaseAuthenticationRequest {

    private final String ticket;
    private final String path;

    public StreamTicketRequest(String ticket, String path) {
        this.ticket = ticket;
        this.path = path;
    }

    public String ticket() {
        return ticket;
    }

    public String path() {
        return path;
    }
}
