package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults with real sockets: each gets an answer in the caller's format (or a reset mid-answer), and a record. */
class GatewayFaultsTest {
    GatewayFixture fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void auditSinkFailingIs503AndNothingIsReleased() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "the answer");
        fx.audit.gate = CompletableFuture.failedFuture(new IOException("disk full"));
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"));
        assertEquals(503, r.statusCode());
        assertEquals("hush_audit_unavailable", Echo.JSON.readTree(r.body()).at("/error/code").asText(), r.body());
        assertFalse(r.body().contains("the answer"));
        // a refusal needs its record too
        HttpResponse<String> b = fx.post("/anthropic/v1/messages", "{\"messages\":[{\"role\":\"user\",\"content\":\"key "
                + TestScanners.AWS_KEY + "\"}]}");
        assertEquals(503, b.statusCode());
        assertTrue(b.body().contains("\"type\":\"error\""), b.body());
        fx.audit.gate = CompletableFuture.completedFuture(null);
        assertEquals(200, fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi")).statusCode());
    }

    @Test
    void upstreamResettingIs502InTheProvidersFormatAndAudited() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> req.connection().close();
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"));
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(Echo.JSON.readTree(r.body()).at("/error/code").asText().startsWith("hush_"), r.body());
        assertEquals(0, fx.audit.last().upstreamStatus());
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        assertEquals(200, fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi")).statusCode());
    }

    @Test
    void truncatedStreamIsCutOffNotCompletedAndAudited() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> {
            req.response().setChunked(true).putHeader("content-type", "text/event-stream");
            req.response().write(Buffer.buffer("data: {\"choices\":[{\"delta\":{\"content\":\"par"))
                    .onComplete(v -> req.connection().close());
        };
        int before = fx.audit.records.size();
        // the client must not see a clean end of a stream the upstream never finished
        assertThrows(IOException.class, () -> fx.post("/openai/v1/chat/completions",
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        // the record written at the answer's head, then (asynchronously) the one saying it was cut
        dev.hush.audit.AuditRecord first = fx.audit.records.get(before);
        assertEquals(200, first.upstreamStatus());
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (fx.audit.records.size() < before + 2 && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertEquals(before + 2, fx.audit.records.size());
        assertEquals("incomplete", fx.audit.last().action());
        assertEquals(first.requestId(), fx.audit.last().requestId());
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        assertEquals(200, fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi")).statusCode());
    }
}
