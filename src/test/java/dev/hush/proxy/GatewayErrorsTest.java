package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every error path answers in the provider's format, and the gateway keeps serving afterwards. */
class GatewayErrorsTest {
    GatewayFixture fx;

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private void assertStillServes() throws Exception {
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "fine");
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hello"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("You said: fine"));
    }

    @Test
    void malformedJsonIs400InEachProvidersFormatAndNotForwarded() throws Exception {
        fx = new GatewayFixture();
        HttpResponse<String> o = fx.post("/openai/v1/chat/completions", "{\"messages\": [");
        assertEquals(400, o.statusCode());
        assertEquals("hush_malformed_json", Echo.JSON.readTree(o.body()).at("/error/code").asText());
        HttpResponse<String> a = fx.post("/anthropic/v1/messages", "{not json");
        assertEquals(400, a.statusCode());
        JsonNode an = Echo.JSON.readTree(a.body());
        assertEquals("error", an.get("type").asText());
        assertEquals("invalid_request_error", an.at("/error/type").asText());
        HttpResponse<String> g = fx.post("/gemini/v1beta/models/gemini-2.0-flash:generateContent", "{\"contents\":");
        assertEquals(400, g.statusCode());
        JsonNode gn = Echo.JSON.readTree(g.body());
        assertEquals(400, gn.at("/error/code").asInt());
        assertEquals("INVALID_ARGUMENT", gn.at("/error/status").asText());
        assertTrue(fx.upstream.received.isEmpty());
        assertEquals("error", fx.audit.last().action());
        assertStillServes();
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.maxBodyBytes = 4096);
        String big = GatewayChatTest.chat("x".repeat(10_000));
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", big);
        assertEquals(413, r.statusCode());
        assertEquals("hush_body_too_large", Echo.JSON.readTree(r.body()).at("/error/code").asText());
        assertTrue(fx.upstream.received.isEmpty());
        assertStillServes();
    }

    @Test
    void unreachableUpstreamIs502() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        int port = closed;
        fx = new GatewayFixture(c -> c.gateway.upstreams.put("anthropic", "http://127.0.0.1:" + port));
        HttpResponse<String> r = fx.post("/anthropic/v1/messages",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(502, r.statusCode());
        JsonNode n = Echo.JSON.readTree(r.body());
        assertEquals("api_error", n.at("/error/type").asText());
        assertEquals("error", fx.audit.last().action());
        assertStillServes();
    }

    @Test
    void silentUpstreamIs504() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.idleTimeoutMs = 300);
        fx.upstream.responder = (req, rec) -> { }; // never answers
        HttpResponse<String> r = fx.post("/gemini/v1beta/models/gemini-2.0-flash:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");
        assertEquals(504, r.statusCode());
        assertEquals("DEADLINE_EXCEEDED", Echo.JSON.readTree(r.body()).at("/error/status").asText());
        assertStillServes();
    }

    @Test
    void upstreamErrorsPassThroughUnchanged() throws Exception {
        fx = new GatewayFixture();
        String body = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
        fx.upstream.responder = (req, rec) -> req.response().setStatusCode(429).putHeader("retry-after", "7")
                .putHeader("content-type", "application/json").end(body);
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"));
        assertEquals(429, r.statusCode());
        assertEquals(body, r.body());
        assertEquals("7", r.headers().firstValue("retry-after").orElse(""));
        assertEquals(429, fx.audit.last().upstreamStatus());
        fx.upstream.responder = (req, rec) -> req.response().setStatusCode(500).end("upstream broke");
        HttpResponse<String> r5 = fx.post("/anthropic/v1/messages", "{\"messages\":[]}");
        assertEquals(500, r5.statusCode());
        assertEquals("upstream broke", r5.body());
        assertStillServes();
    }

    @Test
    void clientDisconnectMidStreamCancelsTheUpstreamRequest() throws Exception {
        fx = new GatewayFixture();
        CountDownLatch upstreamClosed = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        fx.upstream.responder = (req, rec) -> {
            var resp = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
            resp.closeHandler(v -> upstreamClosed.countDown());
            long timer = fx.vertx.setPeriodic(20, id -> {
                if (!resp.ended() && !resp.closed()) {
                    resp.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tick\"}}]}\n\n");
                    sent.incrementAndGet();
                }
            });
            resp.closeHandler(v -> {
                fx.vertx.cancelTimer(timer);
                upstreamClosed.countDown();
            });
        };
        String body = GatewayChatTest.chatStream("stream please");
        try (Socket s = new Socket("127.0.0.1", fx.port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            StringBuilder got = new StringBuilder();
            while (!got.toString().contains("tick")) {
                int n = in.read(buf);
                assertTrue(n > 0, "stream ended early");
                got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        }
        assertTrue(upstreamClosed.await(5, TimeUnit.SECONDS), "upstream request was not cancelled");
        int after = sent.get();
        Thread.sleep(200);
        assertEquals(after, sent.get(), "upstream kept streaming to nobody");
        assertStillServes();
    }
}
