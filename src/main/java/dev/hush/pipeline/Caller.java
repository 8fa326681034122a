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
 * @param source         where the user came from: {@value #PROXY_AUTH}, {@value #JWT}, {@value #VIRTUAL_KEY},
 *                       {@value #HEADER} (from a trusted proxy), {@value #KEY} or {@value #ADDRESS}
 */
public record Caller(String user, Set<String> groups, String keyFingerprint, String justification, KeySwap keySwap,
        String source) {
    public static final String PROXY_AUTH = "proxy-auth";
    public static final String JWT = "jwt";
    public static final String VIRTUAL_KEY = "virtual-key";
    public static final String HEADER = "header";
    public static final String KEY = "key";
    public static final String ADDRESS = "address";

    public Caller {
        groups = Set.copyOf(groups);
    }

    /** The user as known before the caller is identified (requests refused first). */
    static Caller unknown(String remote) {
        return new Caller("ip:" + (remote == null ? "unknown" : remote), Set.of(), null, null, null, ADDRESS);
    }

    /**
     * A virtual key presented by the caller and the provider key that replaces it upstream.
     *
     * @param presented the caller's (virtual) key
     * @param real      the provider key
     * @param inQuery   whether the key came as a query parameter rather than a header
     * @param drop      a header to remove upstream (a JWT for Hush that came in {@code Authorization}), or null
     */
    public record KeySwap(String presented, String real, boolean inQuery, String drop) {
        public KeySwap(String presented, String real, boolean inQuery) {
            this(presented, real, inQuery, null);
        }
    }
}
