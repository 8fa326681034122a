package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpServerRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gateway.maxInFlightBytes: bodies held at once over all requests; past it 503 in the provider's format. */
class GatewayInFlightTest {
    GatewayFixture fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void pastTheBudgetIs503InTheProvidersFormatAndTheBudgetComesBack() throws Exception {
        fx = new GatewayFixture(c -> {
            c.gateway.maxBodyBytes = 4096;
            c.gateway.maxInFlightBytes = 4096;
        });
        List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> first = new CompletableFuture<>();
        fx.upstream.responder = (req, rec) -> {
            held.add(req);
            first.complete(null);
        };
        String big = GatewayChatTest.chat("x".repeat(3000));
        CompletableFuture<HttpResponse<String>> pending = fx.http.sendAsync(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fx.url("/openai/v1/chat/completions"))).header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        first.get(20, TimeUnit.SECONDS); // the first body is held while its upstream thinks
        HttpResponse<String> r = fx.post("/anthropic/v1/messages",
                "{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "y".repeat(3000) + "\"}]}");
        assertEquals(503, r.statusCode());
        assertEquals("error", Echo.JSON.readTree(r.body()).at("/type").asText(), r.body());
        assertEquals("hush_overloaded", fx.audit.last().reason());
        held.get(0).response().putHeader("content-type", "application/json").end("{\"id\":\"x\",\"choices\":[]}");
        assertEquals(200, pending.get(20, TimeUnit.SECONDS).statusCode());
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        // the first request's bytes were given back when its answer ended
        assertEquals(200, fx.post("/openai/v1/chat/completions", big).statusCode());
    }
}
