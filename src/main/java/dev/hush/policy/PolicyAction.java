package dev.hush.policy;

/** What policy does with a finding. Declared weakest first; the request verdict is the strongest one. */
public enum PolicyAction {
    ALLOW, REDACT, PSEUDONYMIZE, WARN, BLOCK;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean rewrites() {
        return this == REDACT || this == PSEUDONYMIZE;
    }

    public static PolicyAction parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
