package dev.hush.adapter.webapp;

import dev.hush.adapter.Adapters;
import dev.hush.audit.AuditRecord;
import dev.hush.audit.AuditSink;
import dev.hush.audit.KeyedHash;
import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Scanner;
import dev.hush.pipeline.ProxyMetrics;
import dev.hush.pipeline.RequestPipeline;
import dev.hush.pipeline.Targets;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The intercepted front door as the forward proxy uses it: an in-test server hands each request to
 * {@code RequestPipeline.handle(req, targets.intercepted(host, uri), user)} with the registered adapters
 * and the real detector catalogue; every app host is sent to an in-test upstream (as with
 * {@code --upstream HOST=URL}). Speaks HTTP/1.1 (the JDK client) and HTTP/2 (Vert.x, prior knowledge).
 */
final class WebAppHarness implements AutoCloseable {
    static final String USER = "alice";
    static final String TEST_HOST = "x-test-app-host";
    private static volatile Scanner scanner;

    record Received(String method, String uri, String host, Map<String, String> headers, Buffer body) {
        String text() {
            return body.toString();
        }
    }

    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private static final java.net.http.HttpClient JDK = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(java.time.Duration.ofSeconds(10)).build();
    final Vertx vertx = Vertx.vertx();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    volatile BiConsumer<HttpServerRequest, Received> responder = (req, r) ->
            req.response().putHeader("content-type", "application/json").end("{\"ok\":true}");
    final RequestPipeline pipeline;
    final Targets targets;
    private final HttpServer upstream;
    private final HttpServer front;

    WebAppHarness(String... hosts) throws Exception {
        this(new HushConfig(), hosts);
    }

    WebAppHarness(HushConfig cfg, String... hosts) throws Exception {
        upstream = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            req.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
            Received r = new Received(req.method().name(), req.uri(), req.authority() == null ? null : req.authority().host(), h, b);
            received.add(r);
            responder.accept(req, r);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (String h : hosts) {
            cfg.gateway.upstreams.put(h, "http://127.0.0.1:" + upstream.actualPort());
        }
        AuditSink sink = new AuditSink() {
            @Override
            public CompletionStage<Void> append(AuditRecord record) {
                audit.add(record);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
        targets = new Targets(Adapters.registered(), cfg.gateway.upstreams);
        pipeline = new RequestPipeline(vertx, cfg, Adapters.registered(), scanner(), sink,
                new KeyedHash("0123456789abcdef0123456789abcdef".getBytes()), new ProxyMetrics());
        front = vertx.createHttpServer()
                .requestHandler(req -> {
                    // the JDK client cannot set Host: over HTTP/1.1 the test names the app's host in a header
                    String host = req.getHeader(TEST_HOST) != null ? req.getHeader(TEST_HOST) : req.authority().host();
                    pipeline.handle(req, targets.intercepted(host, req.uri()), USER);
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Scanner scanner() throws Exception {
        if (scanner == null) {
            synchronized (WebAppHarness.class) {
                if (scanner == null) {
                    Scanner s = ScannerFactory.build(new HushConfig());
                    s.scan("warm-up: models load on first use, Jane Roe <jane.roe@example.org>"); // not inside a request's time
                    scanner = s;
                }
            }
        }
        return scanner;
    }

    /** Sends a recorded request as the browser would, over HTTP/1.1 or HTTP/2. */
    Reply send(RecordedRequest r, HttpVersion version) throws Exception {
        return sendBytes(r, r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), version);
    }

    /** Sends a request with a binary body (uploads made in the test). */
    Reply sendBytes(RecordedRequest r, byte[] body, HttpVersion version) throws Exception {
        if (version == HttpVersion.HTTP_1_1) {
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + front.actualPort() + r.uri()))
                    .timeout(java.time.Duration.ofSeconds(60)).header(TEST_HOST, r.host())
                    .method(r.method(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            r.headers().forEach(b::header);
            var resp = JDK.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            resp.headers().map().forEach((k, v) -> h.put(k, v.get(0)));
            return new Reply(resp.statusCode(), h, resp.body());
        }
        HttpClientOptions o = new HttpClientOptions().setProtocolVersion(version).setHttp2ClearTextUpgrade(false);
        HttpClient client = vertx.createHttpClient(o);
        try {
            RequestOptions ro = new RequestOptions().setMethod(HttpMethod.valueOf(r.method()))
                    .setServer(SocketAddress.inetSocketAddress(front.actualPort(), "127.0.0.1"))
                    .setHost(r.host()).setPort(443).setURI(r.uri());
            r.headers().forEach(ro::putHeader);
            var reply = client.request(ro).compose(req -> req.send(Buffer.buffer(body)))
                    .compose(resp -> resp.body().map(b -> {
                        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                        resp.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
                        return new Reply(resp.statusCode(), h, b.toString());
                    })).toCompletionStage().toCompletableFuture();
            try {
                return reply.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                StringBuilder dump = new StringBuilder("no answer in 60 s; audit so far " + audit.size() + ", upstream got "
                        + received.size() + "; threads:\n");
                Thread.getAllStackTraces().forEach((t, st) -> {
                    if (t.getName().contains("vert.x")) {
                        dump.append(t.getName()).append(' ').append(t.getState()).append('\n');
                        for (int i = 0; i < Math.min(st.length, 25); i++) {
                            dump.append("    at ").append(st[i]).append('\n');
                        }
                    }
                });
                throw new AssertionError(dump.toString(), e);
            }
        } finally {
            client.close();
        }
    }

    AuditRecord lastAudit() {
        return audit.isEmpty() ? null : audit.get(audit.size() - 1);
    }

    Received last() {
        return received.isEmpty() ? null : received.get(received.size() - 1);
    }

    @Override
    public void close() throws Exception {
        front.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        pipeline.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        upstream.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
