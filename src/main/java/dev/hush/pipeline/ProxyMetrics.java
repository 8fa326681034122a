package dev.hush.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/** Counters and timers for {@code /metrics}. Labels carry types and adapters, never values or users. */
public final class ProxyMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer scanTime;

    public ProxyMetrics() {
        scanTime = Timer.builder("hush_scan").description("time scanning one request").register(registry);
    }

    public void request(String provider, String action) {
        Counter.builder("hush_requests").tag("provider", provider).tag("action", action).register(registry)
                .increment();
    }

    public void finding(String type, String action) {
        Counter.builder("hush_findings").tag("type", type).tag("action", action).register(registry).increment();
    }

    public void scan(long micros) {
        scanTime.record(micros, TimeUnit.MICROSECONDS);
    }

    public void upstream(String provider, int status, long millis) {
        Timer.builder("hush_upstream").tag("provider", provider).tag("status", Integer.toString(status))
                .register(registry).record(millis, TimeUnit.MILLISECONDS);
    }

    public void bindScanCache(ScanCache cache) {
        registry.gauge("hush_scan_cache_hits", cache, c -> (double) c.hits());
        registry.gauge("hush_scan_cache_misses", cache, c -> (double) c.misses());
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
