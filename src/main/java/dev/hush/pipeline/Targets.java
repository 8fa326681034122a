package dev.hush.pipeline;

import dev.hush.adapter.Adapter;
import dev.hush.adapter.Adapters;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Upstream resolution for both front doors. Gateway: the adapter owning the path prefix, sent to
 * {@code gateway.upstreams.<name>} ({@code --upstream NAME=URL}) or the adapter's default. Intercepted
 * host H: the adapter that knows H (else the generic one), sent to {@code --upstream H=URL} if given,
 * else {@code https://H}.
 */
public final class Targets {
    private final Adapters adapters;
    private final Map<String, String> upstreams = new HashMap<>();
    /** Each upstream URL's host, parsed once (not a URI parse per request). */
    private final Map<String, String> hosts = new HashMap<>();

    public Targets(Adapters adapters, Map<String, String> configured) {
        this.adapters = adapters;
        for (Adapter a : adapters.all()) {
            String url = configured.getOrDefault(a.name(), a.defaultUpstream());
            if (url != null) {
                upstreams.put(a.name(), trim(url));
            }
        }
        configured.forEach((name, url) -> upstreams.putIfAbsent(name.toLowerCase(Locale.ROOT), trim(url)));
        for (String url : upstreams.values()) {
            String h = host(url);
            if (h != null) {
                hosts.put(url, h);
            }
        }
    }

    /** The gateway target for a request URI, or null when no adapter owns the path. */
    public Target gateway(String uri) {
        Adapters.GatewayMatch m = adapters.gateway(uri);
        if (m == null) {
            return null;
        }
        String up = upstreams.get(m.adapter().name());
        return new Target(m.adapter(), up == null ? null : hosts.get(up), up, m.path());
    }

    /**
     * The target for a request intercepted on its way to {@code host} (the SNI host, optionally with
     * {@code :port} when not 443); {@code uri} is the origin-form path and query.
     */
    public Target intercepted(String host, String uri) {
        String h = host.toLowerCase(Locale.ROOT);
        String bare = h.indexOf(':') > 0 && h.indexOf(']') < 0 ? h.substring(0, h.indexOf(':')) : h;
        int q = uri.indexOf('?');
        Adapter a = adapters.intercepted(bare, q < 0 ? uri : uri.substring(0, q));
        String up = upstreams.getOrDefault(h, upstreams.getOrDefault(bare, "https://" + h));
        return new Target(a, bare, up, uri.isEmpty() ? "/" : uri);
    }

    /** The configured upstream of an adapter or host, or null. */
    public String upstream(String name) {
        return upstreams.get(name);
    }

    public Adapters adapters() {
        return adapters;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String host(String url) {
        try {
            return url == null ? null : URI.create(url).getHost();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
