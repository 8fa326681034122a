package dev.hush.proxy.forward;

import dev.hush.config.ProxySettings;
import dev.hush.policy.Glob;
import java.util.List;
import java.util.Locale;

/** What the proxy does with a host name: refuse it, decrypt and inspect it, or tunnel it blind. */
public final class HostRules {
    public enum Kind { DENY, INTERCEPT, TUNNEL }

    private final List<String> intercept;
    private final List<String> bypass;
    private final List<String> deny;

    public HostRules(ProxySettings s) {
        this(s.intercept, s.bypass, s.deny);
    }

    public HostRules(List<String> intercept, List<String> bypass, List<String> deny) {
        this.intercept = List.copyOf(intercept);
        this.bypass = List.copyOf(bypass);
        this.deny = List.copyOf(deny);
    }

    /** Deny wins over bypass, bypass over intercept; everything else is tunnelled. */
    public Kind classify(String host) {
        String h = normalise(host);
        if (any(deny, h)) {
            return Kind.DENY;
        }
        if (!any(bypass, h) && any(intercept, h)) {
            return Kind.INTERCEPT;
        }
        return Kind.TUNNEL;
    }

    public boolean intercepts(String host) {
        return classify(host) == Kind.INTERCEPT;
    }

    /** The intercept globs without wildcards: the hosts worth minting at start. */
    public List<String> literalInterceptHosts() {
        return intercept.stream().filter(g -> !g.contains("*")).map(HostRules::normalise)
                .filter(h -> classify(h) == Kind.INTERCEPT).toList();
    }

    public List<String> interceptGlobs() {
        return intercept;
    }

    static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean any(List<String> globs, String host) {
        for (String g : globs) {
            if (Glob.matches(g, host)) {
                return true;
            }
        }
        return false;
    }
}
