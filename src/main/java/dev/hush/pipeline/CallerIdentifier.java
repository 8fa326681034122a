package dev.hush.pipeline;

import dev.hush.adapter.Adapter;
import dev.hush.audit.KeyedHash;
import dev.hush.config.GatewaySettings;
import dev.hush.identity.TrustedProxies;
import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Identify stage: the caller from what it cannot forge, strongest first: the forward proxy's sign-in, a
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

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }
}
