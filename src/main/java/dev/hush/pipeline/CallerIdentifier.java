package dev.hush.pipeline;

import dev.hush.adapter.Adapter;
import dev.hush.audit.KeyedHash;
import dev.hush.config.GatewaySettings;
import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Identify stage: the caller from the proxy user, the adapter's key header (or key query parameter),
 * virtual keys, and the {@code X-Hush-*} identity headers when trusted.
 */
final class CallerIdentifier {
    private final GatewaySettings cfg;
    private final KeyedHash keyHash;

    CallerIdentifier(GatewaySettings cfg, KeyedHash keyHash) {
        this.cfg = cfg;
        this.keyHash = keyHash;
    }

    /**
     * @param headers   request headers
     * @param queryKey  the value of the adapter's key query parameter, or null
     * @param remote    client address, or null
     * @param proxyUser the user authenticated by the forward proxy, or null
     */
    Caller identify(Adapter adapter, MultiMap headers, String queryKey, String remote, String proxyUser) {
        String user = "";
        Set<String> groups = Set.of();
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
        Caller.KeySwap swap = null;
        if (vk != null && vk.provider.equals(adapter.name())) {
            // employees hold a Hush key; the provider key is added upstream and never leaves the gateway
            swap = new Caller.KeySwap(key, vk.resolvedKey(), inQuery);
            if (vk.user != null) {
                user = vk.user;
            }
            groups = new LinkedHashSet<>(vk.groups);
        }
        String fingerprint = key == null ? null : keyHash.of(key);
        String hUser = cfg.trustIdentityHeaders ? headers.get("X-Hush-User") : null;
        if (proxyUser != null && !proxyUser.isBlank()) {
            user = proxyUser;
        } else if (hUser != null && !hUser.isBlank()) {
            user = hUser.trim();
        } else if (user.isEmpty()) {
            user = fingerprint != null ? "key:" + fingerprint : "ip:" + (remote == null ? "unknown" : remote);
        }
        String hGroups = cfg.trustIdentityHeaders ? headers.get("X-Hush-Groups") : null;
        if (hGroups != null) {
            groups = new LinkedHashSet<>(Arrays.asList(hGroups.split("\\s*,\\s*")));
        }
        String justification = headers.get("X-Hush-Justification");
        if (justification != null && justification.length() > 500) {
            justification = justification.substring(0, 500); // a reason, not a document
        }
        return new Caller(user, groups, fingerprint, justification, swap);
    }
}
