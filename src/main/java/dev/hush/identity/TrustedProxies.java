package dev.hush.identity;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The addresses whose {@code X-Hush-User} / {@code X-Hush-Groups} headers are believed
 * ({@code identity.trustedProxies}, CIDRs). Anyone else could forge them.
 */
public final class TrustedProxies {
    /** Compiled once: {@code trusts} runs for every request. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F.:%a-zA-Z]+");
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F.:]+");
    private final List<IpSubnetFilterRule> subnets;

    private TrustedProxies(List<IpSubnetFilterRule> subnets) {
        this.subnets = List.copyOf(subnets);
    }

    /** @throws IllegalArgumentException naming the entry that is not a CIDR */
    public static TrustedProxies of(List<String> cidrs) {
        List<IpSubnetFilterRule> l = new ArrayList<>();
        for (String c : cidrs) {
            l.add(subnet(c));
        }
        return new TrustedProxies(l);
    }

    /** Parses {@code addr/prefix} (a bare address is a single host). */
    public static IpSubnetFilterRule subnet(String cidr) {
        if (cidr == null || cidr.isBlank()) {
            throw new IllegalArgumentException("empty entry");
        }
        String s = cidr.trim();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (!LITERAL.matcher(addr).matches()) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR"); // no DNS look-ups
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(addr);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR");
        }
        int max = ip.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "': prefix is not a number");
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("'" + cidr + "': prefix must be 0 to " + max);
        }
        return new IpSubnetFilterRule(ip, prefix, IpFilterRuleType.ACCEPT);
    }

    /** Whether {@code remote} (an IP literal, as the server reports it) is a trusted proxy. */
    public boolean trusts(String remote) {
        if (remote == null || subnets.isEmpty() || !ADDRESS.matcher(remote).matches()) {
            return false;
        }
        InetSocketAddress a;
        try {
            a = new InetSocketAddress(InetAddress.getByName(remote), 0);
        } catch (UnknownHostException e) {
            return false;
        }
        for (IpSubnetFilterRule r : subnets) {
            if (r.matches(a)) {
                return true;
            }
        }
        return false;
    }
}
