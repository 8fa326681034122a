package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProxyMetricsTest {
    @Test
    void cachedMetersKeepCountingPerLabelSet() {
        ProxyMetrics m = new ProxyMetrics();
        for (int i = 0; i < 3; i++) {
            m.request("openai", "allow");
        }
        m.request("openai", "block");
        m.request("anthropic", "allow");
        m.finding("PII.EMAIL", "pseudonymize");
        m.finding("PII.EMAIL", "pseudonymize");
        m.upstream("openai", 200, 4);
        m.upstream("openai", 200, 6);
        m.upstream("openai", 502, 1);
        String s = m.scrape();
        assertTrue(s.contains("hush_requests_total{action=\"allow\",provider=\"openai\"} 3.0"), s);
        assertTrue(s.contains("hush_requests_total{action=\"block\",provider=\"openai\"} 1.0"), s);
        assertTrue(s.contains("hush_requests_total{action=\"allow\",provider=\"anthropic\"} 1.0"), s);
        assertTrue(s.contains("hush_findings_total{action=\"pseudonymize\",type=\"PII.EMAIL\"} 2.0"), s);
        assertTrue(s.contains("hush_upstream_seconds_count{provider=\"openai\",status=\"200\"} 2"), s);
        assertTrue(s.contains("hush_upstream_seconds_count{provider=\"openai\",status=\"502\"} 1"), s);
    }
}
