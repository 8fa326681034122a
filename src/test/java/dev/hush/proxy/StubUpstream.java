package dev.hush.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** An in-test provider on 127.0.0.1: records what it received and answers as the test says. */
final class StubUpstream {
    record Received(String method, String uri, Map<String, String> headers, String body) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile BiConsumer<HttpServerRequest, Received> responder = (req, r) ->
            req.response().putHeader("content-type", "application/json").end("{\"ok\":true}");
    private final HttpServer server;
    final int port;

    StubUpstream(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            req.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
            Received r = new Received(req.method().name(), req.uri(), h, b.toString());
            received.add(r);
            responder.accept(req, r);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        port = server.actualPort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Received last() {
        return received.isEmpty() ? null : received.get(received.size() - 1);
    }

    void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get();
    }

    static Buffer json(String s) {
        return Buffer.buffer(s);
    }
}
