package dev.hush.proxy.forward;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * No open relay: which ports and addresses the proxy connects to on a client's behalf. Checked on the
 * address actually connected to (the name is resolved once), so DNS cannot swap a public answer for a private
 * one between check and connect.
 */
public final class TunnelGuard {
    private final Set<Integer> tunnelPorts;
    private final boolean allowPrivate;
    private final Set<InetAddress> ownAddresses = new HashSet<>();

    public TunnelGuard(List<Integer> tunnelPorts, boolean allowPrivate) {
        this.tunnelPorts = Set.copyOf(tunnelPorts);
        this.allowPrivate = allowPrivate;
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                ownAddresses.addAll(Collections.list(ni.getInetAddresses()));
            }
        } catch (Exception e) {
            // no interface list: loopback and private ranges are still refused below
        }
    }

    /** CONNECT reaches only the configured ports (443 by default). */
    public boolean connectPortAllowed(int port) {
        return tunnelPorts.contains(port);
    }

    /** Absolute-form {@code http://} requests reach port 80 and the CONNECT ports. */
    public boolean httpPortAllowed(int port) {
        return port == 80 || tunnelPorts.contains(port);
    }

    /** Null when the address may be connected to, else why not (for the refusal page). */
    public String refusal(InetAddress a) {
        if (allowPrivate) {
            return null;
        }
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            return "a loopback address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress() || uniqueLocal(a) || sharedOrReserved(a)) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        if (ownAddresses.contains(a)) {
            return "this proxy's own address";
        }
        return null;
    }

    /** fc00::/7, IPv6's private range (Java's isSiteLocalAddress knows only the deprecated fec0::/10). */
    private static boolean uniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** 100.64/10 (carrier-grade NAT), 0/8, and IPv4-mapped IPv6 forms of private addresses. */
    private static boolean sharedOrReserved(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int b0 = b[0] & 0xff, b1 = b[1] & 0xff;
            return b0 == 0 || (b0 == 100 && b1 >= 64 && b1 < 128) || (b0 == 169 && b1 == 254);
        }
        return false;
    }
}
