package dev.hush.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Counters and timers for {@code /metrics}. Labels carry types and adapters, never values or users.
 * Meters are looked up in small maps of their own: building and registering a meter (tag sorting, id
 * hashing, the registry's synchronised map) on every request costs more than the increment itself.
 */
public final class ProxyMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer scanTime;
    private final Counter auditFailures;
    private final ConcurrentMap<String, ConcurrentMap<String, Counter>> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, Counter>> findings = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<Integer, Timer>> upstreams = new ConcurrentHashMap<>();

    public ProxyMetrics() {
        scanTime = Timer.builder("hush_scan").description("time scanning one request").register(registry);
        auditFailures = Counter.builder("hush_audit_failures").description("requests refused: audit record not written")
                .register(registry);
    }

    public void request(String provider, String action) {
        meter(requests, provider, action, a -> Counter.builder("hush_requests").tag("provider", provider)
                .tag("action", a).register(registry)).increment();
    }

    public void finding(String type, String action) {
        meter(findings, type, action, a -> Counter.builder("hush_findings").tag("type", type).tag("action", a)
                .register(registry)).increment();
    }

    /** A request refused because its audit record could not be written (disk full, read-only, I/O error). */
    public void auditFailed() {
        auditFailures.increment();
    }

    public void scan(long micros) {
        scanTime.record(micros, TimeUnit.MICROSECONDS);
    }

    public void upstream(String provider, int status, long millis) {
        meter(upstreams, provider, status, s -> Timer.builder("hush_upstream").tag("provider", provider)
                .tag("status", Integer.toString(s)).register(registry)).record(millis, TimeUnit.MILLISECONDS);
    }

    public void bindOpenConnections(java.util.concurrent.atomic.AtomicInteger open) {
        registry.gauge("hush_open_connections", open, AtomicInteger::doubleValue);
    }

    public void bindScanCache(ScanCache cache) {
        registry.gauge("hush_scan_cache_hits", cache, c -> (double) c.hits());
        registry.gauge("hush_scan_cache_misses", cache, c -> (double) c.misses());
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    /** Label values come from fixed sets (adapters, actions, finding types, statuses): the maps stay small. */
    private static <K, M> M meter(ConcurrentMap<String, ConcurrentMap<K, M>> byFirst, String first, K second,
            Function<K, M> create) {
        ConcurrentMap<K, M> inner = byFirst.get(first);
        if (inner == null) {
            inner = byFirst.computeIfAbsent(first, f -> new ConcurrentHashMap<>());
        }
        M m = inner.get(second);
        return m != null ? m : inner.computeIfAbsent(second, create);
    }
}
