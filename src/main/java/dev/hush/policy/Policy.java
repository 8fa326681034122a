package dev.hush.policy;

import dev.hush.detect.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered rule list; the first rule that matches a finding decides. The built-in defaults always follow
 * the configured rules, so a configuration only needs to state its exceptions.
 */
public final class Policy {
    /** Secure defaults: credentials, company terms and exact-data matches never leave; PII leaves pseudonymized. */
    public static List<PolicyRule> defaultRules() {
        return List.of(
                new PolicyRule("default-credentials", "SECRET.*", "block"),
                new PolicyRule("default-edm", "EDM.*", "block"),
                new PolicyRule("default-company-terms", "CUSTOM.*", "block"),
                new PolicyRule("default-pii", "PII.*", "pseudonymize"),
                new PolicyRule("default-confidential", "CONFIDENTIAL.*", "warn"),
                new PolicyRule("default-other", "*", "warn"));
    }

    private record Compiled(PolicyRule rule, PolicyAction action) {
    }

    private final List<Compiled> rules;

    public Policy(List<PolicyRule> configured) {
        List<Compiled> l = new ArrayList<>();
        for (PolicyRule r : configured) {
            l.add(new Compiled(r, PolicyAction.parse(r.action)));
        }
        for (PolicyRule r : defaultRules()) {
            l.add(new Compiled(r, PolicyAction.parse(r.action)));
        }
        this.rules = List.copyOf(l);
    }

    public Decision decide(Finding f, Destination d) {
        Compiled c = first(f.type(), d);
        return new Decision(f, c.action, c.rule.id);
    }

    /** Decides one request's findings: see {@link ForDestination}. */
    public ForDestination forDestination(Destination d) {
        return new ForDestination(d);
    }

    /**
     * With the destination fixed, the first matching rule depends on the finding's type alone, so a request's
     * findings match the rule list once per type (a CSV of emails has thousands of one type), not once each.
     */
    public final class ForDestination {
        private final Destination d;
        private String lastType;
        private Compiled last;
        private Map<String, Compiled> others;

        private ForDestination(Destination d) {
            this.d = d;
        }

        public Decision decide(Finding f) {
            String type = f.type();
            if (!type.equals(lastType)) {
                if (lastType != null) {
                    if (others == null) {
                        others = new HashMap<>();
                    }
                    others.put(lastType, last);
                }
                Compiled c = others == null ? null : others.get(type);
                last = c != null ? c : first(type, d);
                lastType = type;
            }
            return new Decision(f, last.action, last.rule.id);
        }
    }

    private Compiled first(String type, Destination d) {
        for (Compiled c : rules) {
            if (matches(c.rule, type, d)) {
                return c;
            }
        }
        throw new IllegalStateException("the catch-all default rule matches every type");
    }

    private static boolean matches(PolicyRule r, String type, Destination d) {
        return any(r.types, type) && any(r.providers, d.provider()) && any(r.models, d.model())
                && any(r.hosts, d.host()) && any(r.users, d.user()) && anyGroup(r.groups, d);
    }

    private static boolean any(List<String> patterns, String value) {
        if (patterns == null || patterns.isEmpty()) {
            return true;
        }
        for (String p : patterns) {
            if (Glob.matches(p, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyGroup(List<String> patterns, Destination d) {
        if (patterns == null || patterns.isEmpty()) {
            return true;
        }
        for (String g : d.groups()) {
            if (any(patterns, g)) {
                return true;
            }
        }
        return false;
    }
}
