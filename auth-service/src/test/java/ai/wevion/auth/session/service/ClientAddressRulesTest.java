package ai.wevion.auth.session.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a login comes from (issue 14, point 7): the gateway's word only, never the client's. */
class ClientAddressRulesTest {

    private static final List<String> GATEWAY = List.of("127.0.0.1", "10.42.0.0/16", "::1");

    @Test
    void behindTheGatewayTheAddressItSawCounts() {
        assertThat(ClientAddressRules.clientAddress("127.0.0.1", "203.0.113.7", GATEWAY)).isEqualTo("203.0.113.7");
        assertThat(ClientAddressRules.clientAddress("10.42.3.9", "203.0.113.7", GATEWAY)).isEqualTo("203.0.113.7");
    }

    @Test
    void whatAClientWritesIntoTheHeaderItselfIsIgnored() {
        assertThat(ClientAddressRules.clientAddress("127.0.0.1", "1.2.3.4, 203.0.113.7", GATEWAY)).isEqualTo("203.0.113.7");
    }

    @Test
    void aClientReachingTheServiceDirectlyCannotClaimAnotherAddress() {
        assertThat(ClientAddressRules.clientAddress("198.51.100.4", "203.0.113.7", GATEWAY)).isEqualTo("198.51.100.4");
        assertThat(ClientAddressRules.clientAddress("10.43.0.1", "203.0.113.7", GATEWAY)).isEqualTo("10.43.0.1");
    }

    @Test
    void withoutTheHeaderThePeerCounts() {
        assertThat(ClientAddressRules.clientAddress("127.0.0.1", null, GATEWAY)).isEqualTo("127.0.0.1");
    }
}
