package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpstreamPoolTest {
    /**
     * Vert.x allows 5 connections per host unless told otherwise: the gateway must carry more requests than
     * that to one upstream at once. The stub answers nobody until all of them have arrived, so with a pool
     * of 5 the rest would wait behind the first five forever (and the test would time out).
     */
    @Test
    void moreConcurrentRequestsThanVertxDefaultPoolReachTheUpstreamAtOnce() throws Exception {
        int concurrent = 12;
        List<HttpServerRequest> held = new ArrayList<>();
        try (GatewayFixture fx = new GatewayFixture(c -> c.gateway.poolSize = 16)) {
            fx.upstream.responder = (req, rec) -> {
                synchronized (held) {
                    held.add(req);
                    if (held.size() == concurrent) {
                        for (HttpServerRequest r : held) {
                            Echo.openAiJson(r, "ok");
                        }
                    }
                }
            };
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                HttpRequest req = HttpRequest.newBuilder(URI.create(fx.url("/openai/v1/chat/completions")))
                        .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"request number " + i + " about the quarterly plan\"}]}"))
                        .build();
                answers.add(fx.http.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                assertEquals(200, a.get(60, TimeUnit.SECONDS).statusCode());
            }
            synchronized (held) {
                assertEquals(concurrent, held.size());
            }
        }
    }
}
