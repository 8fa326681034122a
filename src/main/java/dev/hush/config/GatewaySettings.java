package dev.hush.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code gateway} section: the API gateway ({@code hush serve}). */
public final class GatewaySettings {
    private static final Set<String> PROVIDERS = Set.of("openai", "azure", "anthropic", "gemini");

    public String host = "0.0.0.0";
    public int port = 8080;
    /** The admin port (/healthz, /readyz, /metrics) listens here: loopback unless a scraper elsewhere needs it. */
    public String adminHost = "127.0.0.1";
    public int adminPort = 8081;
    /**
     * Bearer token required for {@code /metrics} ({@code env:NAME}, {@code file:/path} or the value); null = none.
     * Never serialised, so it cannot reach a digest or a dump.
     */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public String adminToken = null;
    /** The admin port as users' browsers reach it, for justification links; empty: http://host:adminPort. */
    public String adminUrl = "";
    /** Event loops serving clients; 0 = one per core. */
    public int eventLoops = 0;
    /** Provider name -> base URL; unset providers use the real provider URL (Azure has none: set it). */
    public Map<String, String> upstreams = new LinkedHashMap<>();
    /** Largest request body accepted, after decompression (bigger: 413). */
    public long maxBodyBytes = 10L * 1024 * 1024;
    /** A compressed body decoded past 1 MiB may expand at most this many times (compression bomb): 413. */
    public int maxDecodedRatio = 100;
    /** Largest JSON answer buffered to restore placeholders (streams are never buffered). */
    public long maxResponseBytes = 32L * 1024 * 1024;
    /** Request-body bytes held at once over all requests (declared Content-Length, else as read); past it: 503. */
    public long maxInFlightBytes = 512L * 1024 * 1024;
    public int connectTimeoutMs = 5_000;
    /** No byte from upstream for this long: 504. Keep above the longest pause between streamed events. */
    public int idleTimeoutMs = 120_000;
    /**
     * A client connection must deliver a complete request head within this time of opening or of its
     * previous exchange ending (slow-loris; an idle keep-alive connection is closed after it too).
     */
    public int headerTimeoutMs = 20_000;
    /** A request's whole body must arrive within this time of its head, else the connection is closed. */
    public int bodyTimeoutMs = 60_000;
    /** Client connections open at once; more are closed as they open. */
    public int maxConnections = 10_000;
    /** HTTP/2 streams one client connection may have open at once (announced in SETTINGS). */
    public long http2MaxConcurrentStreams = 100;
    /** HTTP/2 rapid reset: a connection resetting more streams than this per window is closed. */
    public int http2MaxResetsPerWindow = 200;
    public int http2ResetWindowSeconds = 30;
    /** Scanning one request longer than this counts as a scan failure. */
    public int scanBudgetMs = 500;
    /**
     * Bodies of up to this many bytes (so at most this many characters of text) are parsed and scanned on the
     * event loop; larger ones are parsed, scanned and rewritten on a worker, so they never hold up the loop.
     */
    public int inlineScanChars = 16 * 1024;
    /** On scan failure or budget exceeded: {@code block} (default) or {@code forward}. Always audited. */
    public String onScanFailure = "block";
    /** Pseudonym maps are forgotten after this many minutes without use. */
    public int pseudonymTtlMinutes = 240;
    public long maxConversations = 100_000;
    /** Texts whose scan results are cached (a long conversation resends its history every turn). */
    public long scanCacheEntries = 100_000;
    /** Replaced by {@code identity.trustedProxies}; setting it is a config error that says so. */
    public Boolean trustIdentityHeaders = null;
    /**
     * Hush-issued virtual key -> the real provider key it stands for. Both may be {@code env:NAME} or
     * {@code file:/path}; they are resolved once at load. Never serialised.
     */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public Map<String, VirtualKey> virtualKeys = new LinkedHashMap<>();
    /**
     * Extra CA certificates (PEM file) trusted for upstream TLS, e.g. a private Azure endpoint or a corporate
     * egress proxy; the JDK's trust store is used too when this is unset.
     */
    public String upstreamCaFile = null;
    /**
     * Upstream connections per host and event loop (Vert.x alone would keep 5): HTTP/1.1 with keep-alive and
     * no pipelining; HTTP/2 upstreams get poolSize/8 connections, each multiplexing many streams. Each event
     * loop has its own pool, so a request and its upstream connection stay on one thread.
     */
    public int poolSize = 64;

    /** A virtual key: which provider it is for and the real key (or {@code env:NAME} / {@code file:/path}). */
    public static final class VirtualKey {
        public String provider;
        public String key;
        public String user;
        public List<String> groups = List.of();

        /** The provider key; an unresolvable reference gives "" (the provider then refuses the call). */
        public String resolvedKey() {
            try {
                return SecretRef.resolve(key);
            } catch (SecretRef.SecretException e) {
                return "";
            }
        }
    }

    /**
     * Replaces every secret reference by its value (virtual keys, provider keys, the admin token), once at
     * load, so no request reads the environment or a file. Errors name the key and the reference only.
     */
    void resolveSecrets(String path, List<String> errors) {
        try {
            adminToken = SecretRef.resolve(adminToken);
        } catch (SecretRef.SecretException e) {
            errors.add(path + ".adminToken: " + e.getMessage());
        }
        if (virtualKeys == null) {
            return;
        }
        Map<String, VirtualKey> resolved = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, VirtualKey> e : virtualKeys.entrySet()) {
            String p = path + ".virtualKeys[" + i++ + "]";
            String vk = e.getKey();
            try {
                vk = SecretRef.resolve(vk);
            } catch (SecretRef.SecretException ex) {
                errors.add(p + " (" + SecretRef.describe(e.getKey()) + "): " + ex.getMessage());
            }
            VirtualKey v = e.getValue();
            if (v != null && v.key != null) {
                try {
                    v.key = SecretRef.resolve(v.key);
                } catch (SecretRef.SecretException ex) {
                    errors.add(p + ".key (" + SecretRef.describe(v.key) + "): " + ex.getMessage());
                }
            }
            if (resolved.put(vk, v) != null) {
                errors.add(p + ": the same virtual key is listed twice");
            }
        }
        virtualKeys = resolved;
    }

    void validate(String path, List<String> errors) {
        if (trustIdentityHeaders != null) {
            errors.add(path + ".trustIdentityHeaders: replaced by identity.trustedProxies (CIDRs whose X-Hush-User"
                    + " / X-Hush-Groups are believed; default loopback only, [] for none): remove this key");
        }
        port(path + ".port", port, errors);
        port(path + ".adminPort", adminPort, errors);
        if (adminUrl == null || !adminUrl.isEmpty() && !adminUrl.startsWith("http://") && !adminUrl.startsWith("https://")) {
            errors.add(path + ".adminUrl: must be empty or an http(s) URL");
        }
        if (eventLoops < 0 || eventLoops > 256) {
            errors.add(path + ".eventLoops: must be 0 (one per core) to 256");
        }
        upstreams.forEach((name, url) -> {
            if (!PROVIDERS.contains(name) && !isHostName(name)) {
                errors.add(path + ".upstreams." + name + ": unknown provider (openai, azure, anthropic, gemini)"
                        + " and not a host name (for an intercepted host, e.g. chatgpt.com)");
            }
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                errors.add(path + ".upstreams." + name + ": must be an http:// or https:// URL");
            }
        });
        if (maxInFlightBytes < maxBodyBytes) {
            errors.add(path + ".maxInFlightBytes: must be at least maxBodyBytes");
        }
        if (maxDecodedRatio < 1) {
            errors.add(path + ".maxDecodedRatio: must be at least 1");
        }
        if (maxBodyBytes < 1024) {
            errors.add(path + ".maxBodyBytes: must be at least 1024");
        }
        if (maxResponseBytes < 1024) {
            errors.add(path + ".maxResponseBytes: must be at least 1024");
        }
        if (connectTimeoutMs <= 0) {
            errors.add(path + ".connectTimeoutMs: must be positive");
        }
        if (idleTimeoutMs <= 0) {
            errors.add(path + ".idleTimeoutMs: must be positive");
        }
        if (headerTimeoutMs < 10) {
            errors.add(path + ".headerTimeoutMs: must be at least 10");
        }
        if (bodyTimeoutMs < 10) {
            errors.add(path + ".bodyTimeoutMs: must be at least 10");
        }
        if (maxConnections < 1) {
            errors.add(path + ".maxConnections: must be at least 1");
        }
        if (http2MaxConcurrentStreams < 1 || http2MaxConcurrentStreams > 0xFFFFFFFFL) {
            errors.add(path + ".http2MaxConcurrentStreams: must be 1..4294967295");
        }
        if (http2MaxResetsPerWindow < 1) {
            errors.add(path + ".http2MaxResetsPerWindow: must be at least 1");
        }
        if (http2ResetWindowSeconds < 1) {
            errors.add(path + ".http2ResetWindowSeconds: must be at least 1");
        }
        if (scanBudgetMs <= 0) {
            errors.add(path + ".scanBudgetMs: must be positive");
        }
        if (!"block".equals(onScanFailure) && !"forward".equals(onScanFailure)) {
            errors.add(path + ".onScanFailure: must be block or forward");
        }
        if (pseudonymTtlMinutes <= 0) {
            errors.add(path + ".pseudonymTtlMinutes: must be positive");
        }
        if (poolSize <= 0 || poolSize > 10_000) {
            errors.add(path + ".poolSize: must be between 1 and 10000");
        }
        if (host == null || host.isBlank()) {
            errors.add(path + ".host: must be an address to bind, e.g. 0.0.0.0 or 127.0.0.1");
        }
        if (adminHost == null || adminHost.isBlank()) {
            errors.add(path + ".adminHost: must be an address to bind, e.g. 127.0.0.1");
        }
        if (adminToken != null && adminToken.isBlank()) {
            errors.add(path + ".adminToken: must not be blank (leave it unset for none)");
        }
        int i = 0;
        // virtual keys are secrets: named by position, never by value
        for (VirtualKey v : virtualKeys.values()) {
            String p = path + ".virtualKeys[" + i++ + "]";
            if (v == null || v.provider == null || !PROVIDERS.contains(v.provider)) {
                errors.add(p + ".provider: must be one of openai, azure, anthropic, gemini");
            }
            if (v == null || v.key == null || v.key.isBlank()) {
                errors.add(p + ".key: must name the provider key (env:NAME, file:/path or the value)");
            }
        }
    }

    /** A DNS name with at least one dot: an intercepted host whose upstream is overridden (tests, demos). */
    public static boolean isHostName(String name) {
        return name != null && name.indexOf('.') > 0 && !name.endsWith(".")
                && name.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    }

    private static void port(String path, int p, List<String> errors) {
        if (p < 0 || p > 65535) {
            errors.add(path + ": must be 0..65535");
        }
    }
}
