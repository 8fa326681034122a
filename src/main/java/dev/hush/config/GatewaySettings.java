package dev.hush.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code gateway} section: the API gateway ({@code hush serve}). */
public final class GatewaySettings {
    private static final Set<String> PROVIDERS = Set.of("openai", "azure", "anthropic", "gemini");

    public String host = "0.0.0.0";
    public int port = 8080;
    public int adminPort = 8081;
    /** The admin port as users' browsers reach it, for justification links; empty: http://host:adminPort. */
    public String adminUrl = "";
    /** Event loops serving clients; 0 = one per core. */
    public int eventLoops = 0;
    /** Provider name -> base URL; unset providers use the real provider URL (Azure has none: set it). */
    public Map<String, String> upstreams = new LinkedHashMap<>();
    /** Largest request body accepted, after decompression (bigger: 413). */
    public long maxBodyBytes = 10L * 1024 * 1024;
    /** Largest JSON answer buffered to restore placeholders (streams are never buffered). */
    public long maxResponseBytes = 32L * 1024 * 1024;
    public int connectTimeoutMs = 5_000;
    /** No byte from upstream for this long: 504. Keep above the longest pause between streamed events. */
    public int idleTimeoutMs = 120_000;
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
    /** Trust {@code X-Hush-User} / {@code X-Hush-Groups} from clients (set false unless an authenticating proxy sets them). */
    public boolean trustIdentityHeaders = true;
    /** Hush-issued virtual key -> the real provider key it stands for. */
    public Map<String, VirtualKey> virtualKeys = new LinkedHashMap<>();
    /**
     * Extra CA certificates (PEM file) trusted for upstream TLS, e.g. a private Azure endpoint or a corporate
     * egress proxy; the JDK's trust store is used too when this is unset.
     */
    public String upstreamCaFile = null;
    /** Upstream pool size per host. */
    public int poolSize = 64;

    /** A virtual key: which provider it is for and the real key (or {@code env:VAR} to read it from the environment). */
    public static final class VirtualKey {
        public String provider;
        public String key;
        public String user;
        public List<String> groups = List.of();

        public String resolvedKey() {
            if (key != null && key.startsWith("env:")) {
                String v = System.getenv(key.substring(4));
                return v == null ? "" : v;
            }
            return key;
        }
    }

    void validate(String path, List<String> errors) {
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
        if (scanBudgetMs <= 0) {
            errors.add(path + ".scanBudgetMs: must be positive");
        }
        if (!"block".equals(onScanFailure) && !"forward".equals(onScanFailure)) {
            errors.add(path + ".onScanFailure: must be block or forward");
        }
        if (pseudonymTtlMinutes <= 0) {
            errors.add(path + ".pseudonymTtlMinutes: must be positive");
        }
        if (poolSize <= 0) {
            errors.add(path + ".poolSize: must be positive");
        }
        virtualKeys.forEach((vk, v) -> {
            String p = path + ".virtualKeys." + (vk.length() > 6 ? vk.substring(0, 6) + "…" : vk);
            if (v == null || v.provider == null || !PROVIDERS.contains(v.provider)) {
                errors.add(p + ".provider: must be one of openai, azure, anthropic, gemini");
            }
            if (v == null || v.key == null || v.key.isBlank()) {
                errors.add(p + ".key: must name the provider key (or env:VAR)");
            }
        });
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
