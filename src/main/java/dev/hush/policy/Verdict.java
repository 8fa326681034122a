package dev.hush.policy;

import java.util.List;

/**
 * One verdict per request: block beats warn beats rewrite (redact, pseudonymize) beats allow.
 *
 * @param action    the strongest action over all decisions (ALLOW when there are none)
 * @param decisions one per finding, in request order
 */
public record Verdict(PolicyAction action, List<Decision> decisions) {
    public Verdict {
        decisions = List.copyOf(decisions);
    }

    public static Verdict of(List<Decision> decisions) {
        PolicyAction a = PolicyAction.ALLOW;
        for (Decision d : decisions) {
            if (d.action().ordinal() > a.ordinal()) {
                a = d.action();
            }
        }
        return new Verdict(a, decisions);
    }

    /** The first decision that caused the verdict (for the error message). */
    public Decision first(PolicyAction action) {
        for (Decision d : decisions) {
            if (d.action() == action) {
                return d;
            }
        }
        return null;
    }
}
