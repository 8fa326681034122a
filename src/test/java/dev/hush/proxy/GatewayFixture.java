package dev.hush.proxy;

import dev.hush.pipeline.ProxyMetrics;
import dev.hush.audit.KeyedHash;
import dev.hush.config.HushConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/** A real gateway on 127.0.0.1 with every provider pointed at one {@link StubUpstream}. */
final class GatewayFixture implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final StubUpstream upstream;
    final MemoryAuditSink audit = new MemoryAuditSink();
    final ProxyMetrics metrics = new ProxyMetrics();
    final GatewayServer gateway;
    final int port;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    GatewayFixture() throws Exception {
        this(c -> { });
    }

    GatewayFixture(Consumer<HushConfig> tweak) throws Exception {
        this(tweak, TestScanners.scanner());
    }

    GatewayFixture(Consumer<HushConfig> tweak, dev.hush.detect.Scanner scanner) throws Exception {
        upstream = new StubUpstream(vertx);
        HushConfig cfg = new HushConfig();
        for (String p : new String[] {"openai", "azure", "anthropic", "gemini"}) {
            cfg.gateway.upstreams.put(p, upstream.url());
        }
        // The wall-clock scan budget is the product's guard, not what these tests are about: on a loaded CI
        // machine a cold first scan can take longer than 500 ms. Tests of the budget set their own.
        cfg.gateway.scanBudgetMs = 30_000;
        tweak.accept(cfg);
        gateway = new GatewayServer(vertx, cfg, scanner, audit,
                new KeyedHash("0123456789abcdef0123456789abcdef".getBytes()), metrics);
        port = gateway.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return postBytes(path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    /** A JSON POST of exactly these bytes (byte-order marks, other encodings). */
    HttpResponse<String> postBytes(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        gateway.stop().toCompletionStage().toCompletableFuture().get();
        upstream.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
