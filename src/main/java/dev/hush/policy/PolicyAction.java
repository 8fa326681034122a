package dev.hush.policy;

/** What policy does with a finding. Declared weakest first; the request verdict is the strongest one. */
public enum PolicyAction {
    ALLOW, REDACT, PSEUDONYMIZE, WARN, BLOCK;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** Computed once: it is asked for per finding (audit, metrics). */
    public String label() {
        return label;
    }

    public boolean rewrites() {
        return this == REDACT || this == PSEUDONYMIZE;
    }

    public static PolicyAction parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
