package dev.hush.config;

import dev.hush.identity.TrustedProxies;
import java.util.List;

/** The {@code identity} section: where a caller's identity may come from besides keys and proxy sign-in. */
public final class IdentitySettings {
    /**
     * Client addresses (CIDRs) whose {@code X-Hush-User} / {@code X-Hush-Groups} headers are believed, e.g. the
     * authenticating reverse proxy in front of Hush. Default: loopback only. {@code []} trusts no one.
     */
    public List<String> trustedProxies = List.of("127.0.0.1/8", "::1/128");
    /** JWT bearer identity (off by default). */
    public JwtSettings jwt = new JwtSettings();

    void validate(String path, List<String> errors) {
        if (jwt == null) {
            errors.add(path + ".jwt: must not be empty");
        } else {
            jwt.validate(path + ".jwt", errors);
        }
        if (trustedProxies == null) {
            errors.add(path + ".trustedProxies: must be a list of CIDRs ([] trusts no one)");
            return;
        }
        for (String c : trustedProxies) {
            try {
                TrustedProxies.subnet(c);
            } catch (IllegalArgumentException e) {
                errors.add(path + ".trustedProxies: " + e.getMessage());
            }
        }
    }
}
