package ai.wevion.auth.session.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which address a login comes from. The gateway (nginx locally, the Ingress
 * controller in a cluster) appends the address it saw to
 * {@code X-Forwarded-For}; only when the direct peer is such a trusted proxy
 * is that last entry believed. Anything a client writes into the header
 * itself stands further left and is ignored; a client reaching the service
 * directly is known by its own address.
 */
public final class ClientAddressRules {

    private ClientAddressRules() {
    }

    public static String clientAddress(String peer, String forwardedFor, List<String> trustedProxies) {
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer, trustedProxies)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String last = hops[hops.length - 1].trim();
        return last.isEmpty() ? peer : last;
    }

    /** {@code trustedProxies}: addresses or CIDR ranges (IPv4 or IPv6). */
    static boolean isTrusted(String peer, List<String> trustedProxies) {
        byte[] address = bytes(peer);
        if (address == null) {
            return false;
        }
        for (String range : trustedProxies) {
            String[] parts = range.trim().split("/");
            byte[] network = bytes(parts[0]);
            if (network == null || network.length != address.length) {
                continue;
            }
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (sameNetwork(address, network, bits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameNetwork(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (b[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** A literal address's bytes, never a DNS lookup; null when it is not one. */
    private static byte[] bytes(String literal) {
        if (literal == null || literal.isBlank() || !literal.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
