package dev.hush.pipeline;

import dev.hush.adapter.Adapter;
import dev.hush.audit.KeyedHash;
import dev.hush.config.GatewaySettings;
import dev.hush.identity.JwtVerifier;
import dev.hush.identity.TrustedProxies;
import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Identify stage: the caller from what it cannot forge, strongest first: the forward proxy's sign-in, a verified
 * JWT ({@link #bearer}, {@link #withJwt}; checked by the pipeline, off the event loop when the JWKS is remote), a
 * virtual key, then {@code X-Hush-User} / {@code X-Hush-Groups} only from a trusted proxy address, then the key's
 * fingerprint or the client address. A header never overrides a stronger identity, and never replaces a
 * virtual key's groups.
 */
final class CallerIdentifier {
    private final GatewaySettings cfg;
    private final TrustedProxies trusted;
    private final KeyedHash keyHash;

    CallerIdentifier(GatewaySettings cfg, TrustedProxies trusted, KeyedHash keyHash) {
        this.cfg = cfg;
        this.trusted = trusted;
        this.keyHash = keyHash;
    }

    /**
     * @param headers   request headers
     * @param queryKey  the value of the adapter's key query parameter, or null
     * @param remote    client address (IP literal), or null
     * @param proxyUser the forward proxy's caller: a signed-in user, {@code ip:<addr>} without sign-in, or null
     */
    Caller identify(Adapter adapter, MultiMap headers, String queryKey, String remote, String proxyUser) {
        String key = null;
        boolean inQuery = false;
        if (adapter.keyHeader() != null) {
            String hdr = headers.get(adapter.keyHeader());
            key = hdr == null ? null : adapter.keyFromHeader(hdr);
        }
        if (key == null && queryKey != null) {
            key = queryKey;
            inQuery = true;
        }
        GatewaySettings.VirtualKey vk = key == null ? null : cfg.virtualKeys.get(key);
        if (vk != null && !vk.provider.equals(adapter.name())) {
            vk = null;
        }
        Caller.KeySwap swap = vk == null ? null : new Caller.KeySwap(key, vk.resolvedKey(), inQuery);
        String fingerprint = key == null ? null : keyHash.of(key);
        String justification = headers.get("X-Hush-Justification");
        if (justification != null && justification.length() > 500) {
            justification = justification.substring(0, 500); // a reason, not a document
        }
        Set<String> groups = vk == null ? Set.of() : new LinkedHashSet<>(vk.groups);
        // intercepted traffic reaches the pipeline from Hush's own loopback socket: its headers are the browser's
        boolean headersTrusted = proxyUser == null && trusted.trusts(remote);
        String user;
        String source;
        if (proxyUser != null && !proxyUser.isBlank() && !proxyUser.startsWith("ip:")) {
            user = proxyUser;
            source = Caller.PROXY_AUTH;
        } else if (vk != null && vk.user != null) {
            user = vk.user;
            source = Caller.VIRTUAL_KEY;
        } else if (headersTrusted && nonBlank(headers.get("X-Hush-User"))) {
            user = headers.get("X-Hush-User").trim();
            source = Caller.HEADER;
        } else if (vk != null) {
            user = "key:" + fingerprint;
            source = Caller.VIRTUAL_KEY;
        } else if (fingerprint != null) {
            user = "key:" + fingerprint;
            source = Caller.KEY;
        } else {
            user = proxyUser != null && proxyUser.startsWith("ip:") ? proxyUser
                    : "ip:" + (remote == null ? "unknown" : remote);
            source = Caller.ADDRESS;
        }
        String hGroups = headersTrusted && vk == null ? headers.get("X-Hush-Groups") : null;
        if (hGroups != null && !Caller.PROXY_AUTH.equals(source)) {
            groups = new LinkedHashSet<>(Arrays.asList(hGroups.trim().split("\\s*,\\s*")));
            groups.remove("");
        }
        return new Caller(user, groups, fingerprint, justification, swap, source);
    }

    /**
     * A JWT the caller presented for Hush, or null: the {@code identity.jwt.header} value, else an
     * {@code Authorization} bearer value that is a token of the configured issuer and audience (a provider key or a
     * provider's own token is none). Only at the gateway: intercepted traffic is identified by the proxy.
     */
    static Bearer bearer(JwtVerifier jwt, MultiMap headers, String proxyUser) {
        if (jwt == null || proxyUser != null) {
            return null;
        }
        String own = headers.get(jwt.header());
        if (own != null) {
            return new Bearer(withoutScheme(own), jwt.header(), false);
        }
        String auth = headers.get("Authorization");
        String value = auth == null ? null : withoutScheme(auth);
        return value != null && jwt.meantForHush(value) ? new Bearer(value, "Authorization", true) : null;
    }

    /**
     * The caller a verified token names. It outranks everything but the proxy's sign-in (which never reaches
     * here): a header never overrides it nor adds groups; a virtual key's groups are kept and its key still swapped.
     * A token in {@code Authorization} took the provider key's place: the provider key then comes from
     * {@code identity.jwt.providerKeys}, unless the provider's own key header (Anthropic's {@code x-api-key}) holds one.
     *
     * @return null when the token came in Authorization and no provider key is at hand
     */
    static Caller withJwt(Caller base, JwtVerifier.Identity id, Bearer b, Adapter adapter, JwtVerifier jwt) {
        Set<String> groups = new LinkedHashSet<>(id.groups());
        Caller.KeySwap swap = base.keySwap();
        String fingerprint = base.keyFingerprint();
        boolean keyWasToken = b.inAuthorization() && "authorization".equalsIgnoreCase(String.valueOf(adapter.keyHeader()));
        if (keyWasToken) {
            String key = jwt.providerKey(adapter.name());
            if (key == null) {
                return null;
            }
            swap = new Caller.KeySwap(b.token(), key, false, b.header());
            fingerprint = null; // the token changes hourly: it is not a key to scope conversations by
        } else {
            if (swap != null) {
                groups.addAll(base.groups());
            }
            String provider = b.inAuthorization() && fingerprint == null ? jwt.providerKey(adapter.name()) : null;
            if (b.inAuthorization() && fingerprint == null && provider == null) {
                return null;
            }
            swap = swap != null ? new Caller.KeySwap(swap.presented(), swap.real(), swap.inQuery(), b.header())
                    : new Caller.KeySwap(null, provider, false, b.header());
        }
        return new Caller(id.user(), groups, fingerprint, base.justification(), swap, Caller.JWT);
    }

    /** The caller when its token was refused: who it was before, marked as a token caller for the audit. */
    static Caller rejectedJwt(Caller base) {
        return new Caller(base.user(), Set.of(), base.keyFingerprint(), base.justification(), null, Caller.JWT);
    }

    private static String withoutScheme(String v) {
        String t = v.trim();
        return t.regionMatches(true, 0, "Bearer ", 0, 7) ? t.substring(7).trim() : t;
    }

    /**
     * A JWT for Hush.
     *
     * @param header          the header it came in (removed upstream)
     * @param inAuthorization whether that is {@code Authorization}, where a provider key would be
     */
    record Bearer(String token, String header, boolean inAuthorization) {
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }
}
