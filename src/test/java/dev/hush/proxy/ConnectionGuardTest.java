package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.GatewaySettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A keep-alive connection's guard holds only the exchanges still in flight: every finished request it kept
 * would keep its whole exchange reachable until the next periodic check (a quarter of the shorter timeout,
 * seconds), i.e. thousands of requests' bodies and scans promoted to the old generation under load.
 */
class ConnectionGuardTest {
    Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void finishedRequestsAreNotHeldUntilTheNextCheck() throws Exception {
        GatewaySettings s = new GatewaySettings();
        s.headerTimeoutMs = 600_000; // the periodic check (a quarter of this) never runs during the test
        s.bodyTimeoutMs = 600_000;
        List<ConnectionGuard> guards = new CopyOnWriteArrayList<>();
        List<Integer> heldAtAdmit = new CopyOnWriteArrayList<>();
        AtomicInteger open = new AtomicInteger();
        HttpServer server = vertx.createHttpServer()
                .connectionHandler(c -> guards.add(ConnectionGuard.attach(vertx, c, s, open, () -> { })))
                .requestHandler(req -> {
                    ConnectionGuard g = guards.get(guards.size() - 1);
                    assertTrue(g.admit(req));
                    heldAtAdmit.add(g.tracked());
                    req.end().onComplete(v -> req.response().end("ok"));
                });
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(1));
        int n = 200;
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < n; i++) {
            chain = chain.compose(v -> client.request(new RequestOptions().setMethod(HttpMethod.POST)
                    .setHost("127.0.0.1").setPort(port).setURI("/x"))
                    .compose(r -> r.send("body").compose(resp -> resp.body()))
                    .mapEmpty());
        }
        chain.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(1, guards.size(), "all requests on one keep-alive connection");
        assertEquals(n, heldAtAdmit.size());
        int most = heldAtAdmit.stream().mapToInt(Integer::intValue).max().orElse(-1);
        assertTrue(most <= 2, "the guard held " + most + " requests at once, with one in flight at a time");
    }
}
