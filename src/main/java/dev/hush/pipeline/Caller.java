package dev.hush.pipeline;

import java.util.Set;

/**
 * Who sent a request, for policy, audit and conversation scoping.
 *
 * @param user           proxy user, {@code X-Hush-User}, a virtual key's user, {@code key:<fingerprint>} or {@code ip:<addr>}
 * @param groups         policy groups
 * @param keyFingerprint keyed hash of the presented API key, or null
 * @param justification  {@code X-Hush-Justification} (at most 500 characters), or null
 * @param keySwap        the provider key to put in place of a virtual key, or null
 */
public record Caller(String user, Set<String> groups, String keyFingerprint, String justification, KeySwap keySwap) {

    public Caller {
        groups = Set.copyOf(groups);
    }

    /** The user as known before the caller is identified (requests refused first). */
    static Caller unknown(String remote) {
        return new Caller("ip:" + (remote == null ? "unknown" : remote), Set.of(), null, null, null);
    }

    /**
     * A virtual key presented by the caller and the provider key that replaces it upstream.
     *
     * @param presented the caller's (virtual) key
     * @param real      the provider key
     * @param inQuery   whether the key came as a query parameter rather than a header
     */
    public record KeySwap(String presented, String real, boolean inQuery) {
    }
}
