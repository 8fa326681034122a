package dev.hush.pipeline;

import dev.hush.config.GatewaySettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The upstream HTTP clients of the gateway, each with its pool of {@code gateway.poolSize}: built in one place
 * so the load harness's plain Vert.x leg ({@code dev.hush.proxy.PassThroughProxy}) measures the same client.
 */
public final class UpstreamClients {
    /** Case-insensitive, so header names are looked up as they come (no lower-cased copy per header). */
    public static final Set<String> HOP_BY_HOP = caseInsensitive("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
            "http2-settings", "expect");

    private UpstreamClients() {
    }

    private static PoolOptions pool(GatewaySettings cfg) {
        return new PoolOptions().setHttp1MaxSize(cfg.poolSize).setHttp2MaxSize(Math.max(1, cfg.poolSize / 8));
    }

    /** TLS with ALPN, h2 preferred. */
    public static HttpClient tls(Vertx vertx, GatewaySettings cfg) {
        HttpClientOptions tls = new HttpClientOptions()
                .setSsl(true).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2)
                .setConnectTimeout(cfg.connectTimeoutMs).setKeepAlive(true)
                .setDecompressionSupported(false);
        if (cfg.upstreamCaFile != null) {
            tls.setTrustOptions(new PemTrustOptions().addCertPath(cfg.upstreamCaFile));
        }
        return vertx.httpClientBuilder().with(tls).with(pool(cfg)).build();
    }

    /** Plain HTTP/1.1 (local models, stubs). */
    public static HttpClient plain(Vertx vertx, GatewaySettings cfg) {
        return vertx.httpClientBuilder().with(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1).setConnectTimeout(cfg.connectTimeoutMs)
                // keep-alive, no pipelining: a slow answer never holds up the next request on its connection
                .setKeepAlive(true).setPipelining(false).setDecompressionSupported(false)).with(pool(cfg)).build();
    }

    private static Set<String> caseInsensitive(String... names) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(Arrays.asList(names));
        return Collections.unmodifiableSortedSet(set);
    }
}
