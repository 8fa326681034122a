package dev.hush.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.hush.audit.AuditRecord;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per fault (docs/hardening.md, "Faults"): each asserts the client-visible answer (an error in the
 * provider's own format, fail closed), the audit record that says what happened, and that the next request is
 * served. All run on one gateway, so a fault that broke it would fail the tests after it; after each test the
 * blocked-thread checker must have been quiet and nothing may have printed a stack trace.
 */
class GatewayFaultSuiteTest {
    static FaultRig rig;
    static final String CHAT = "/openai/v1/chat/completions";
    static final String MESSAGES = "/anthropic/v1/messages";

    @BeforeAll
    static void start() throws Exception {
        rig = new FaultRig(c -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @BeforeEach
    void reset() {
        rig.wire.resetAll();
        rig.wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(10).willReturn(aResponse()
                .withHeader("content-type", "application/json")
                .withBody("{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                        + "{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}")));
        rig.stub.responder = (req, rec) -> req.response().putHeader("content-type", "application/json")
                .end("{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"fine\"}]}");
    }

    @AfterEach
    void quietAndServing() throws Exception {
        reset();
        assertEquals(200, rig.post(CHAT, GatewayChatTest.chat("hello")).statusCode(), "the next request is served");
        assertEquals(200, rig.post(MESSAGES, anthropic("hello")).statusCode(), "the next request is served");
        assertTrue(rig.blocked.isEmpty(), "blocked-thread checker: " + rig.blocked.size() + " report(s)");
        assertTrue(rig.thrown.isEmpty(), "log records with a stack trace: " + rig.thrown.stream()
                .map(r -> r.getLoggerName() + ": " + r.getMessage() + " " + r.getThrown()).toList());
        String err = rig.stderr();
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "stderr: " + err);
    }

    static String anthropic(String text) {
        return "{\"model\":\"claude-x\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":"
                + Echo.JSON.valueToTree(text) + "}]}";
    }

    static String code(HttpResponse<String> r) throws Exception {
        return Echo.JSON.readTree(r.body()).at("/error/code").asText();
    }

    /** Refusal record of the latest request whose reason matches. */
    static AuditRecord record(String reasonPart) {
        return rig.awaitRecord(r -> r.reason() != null && r.reason().contains(reasonPart));
    }

    @Test
    void upstreamSlowerThanItsTimeoutIs504() throws Exception {
        rig.wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing("fault-slow"))
                .willReturn(aResponse().withFixedDelay(FaultRig.UPSTREAM_IDLE_MS * 10).withBody("{}")));
        HttpResponse<String> r = rig.post(CHAT, GatewayChatTest.chat("fault-slow"));
        assertEquals(504, r.statusCode(), r.body());
        assertEquals("hush_upstream_timeout", code(r));
        AuditRecord a = record("upstream");
        assertEquals("error", a.action());
        assertEquals(0, a.upstreamStatus());
    }

    @Test
    void upstreamResettingTheConnectionIs502() throws Exception {
        rig.wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing("fault-reset"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        HttpResponse<String> r = rig.post(CHAT, GatewayChatTest.chat("fault-reset"));
        assertEquals(502, r.statusCode(), r.body());
        assertEquals("hush_upstream_unreachable", code(r));
        assertTrue(r.body().contains("\"type\":\"invalid_request_error\"") || r.body().contains("\"type\":"), r.body());
        assertEquals("error", record("upstream").action());
    }

    @Test
    void upstreamSendingGarbageInsteadOfHttpIs502() throws Exception {
        rig.wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing("fault-garbage"))
                .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        HttpResponse<String> r = rig.post(CHAT, GatewayChatTest.chat("fault-garbage"));
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(code(r).startsWith("hush_upstream"), r.body());
        assertEquals("error", record("upstream").action());
    }

    @Test
    void malformedJsonAnswerIsPassedOnAsItCameAndRestoredAnswersAreNotInvented() throws Exception {
        String broken = "{\"id\":\"c2\",\"choices\":[{\"message\":{\"content\":\"cut here";
        rig.wire.stubFor(post(urlPathEqualTo("/v1/chat/completions")).withRequestBody(containing("fault-json"))
                .willReturn(aResponse().withHeader("content-type", "application/json").withBody(broken)));
        // no placeholders in the conversation: the answer is relayed byte for byte (the SDK reports its error)
        HttpResponse<String> plain = rig.post(CHAT, GatewayChatTest.chat("fault-json plain"));
        assertEquals(200, plain.statusCode());
        assertEquals(broken, plain.body());
        // with placeholders the restorer reads the answer: broken JSON is passed on unrestored, never half-restored
        HttpResponse<String> pseud = rig.post(CHAT, GatewayChatTest.chat("fault-json mail a.b@example.org"));
        assertEquals(200, pseud.statusCode());
        assertEquals(broken, pseud.body());
        AuditRecord a = rig.awaitRecord(r -> "pseudonymize".equals(r.action()) && r.upstreamStatus() == 200);
        assertEquals(200, a.upstreamStatus());
    }

    @Test
    void truncatedStreamIsCutOffAndRecordedIncomplete() throws Exception {
        rig.stub.responder = (req, rec) -> {
            req.response().setChunked(true).putHeader("content-type", "text/event-stream");
            req.response().write(Buffer.buffer("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"par"))
                    .onComplete(v -> req.connection().close());
        };
        assertThrows(IOException.class, () -> rig.post(MESSAGES, anthropic("fault-truncated").replace("{\"model\"",
                "{\"stream\":true,\"model\"")));
        AuditRecord cut = record("upstream broke mid-answer");
        assertEquals("incomplete", cut.action());
        assertEquals(200, cut.upstreamStatus());
        // the first record was written when the answer's head came, before anything was released
        assertEquals(1, rig.memory.records.stream().filter(r -> r.requestId().equals(cut.requestId())
                && "allow".equals(r.action())).count());
    }

    @Test
    void upstreamStallingMidStreamIsCutAfterTheIdleTimeout() throws Exception {
        CompletableFuture<Void> upstreamClosed = new CompletableFuture<>();
        rig.stub.responder = (req, rec) -> {
            req.connection().closeHandler(v -> upstreamClosed.complete(null));
            req.response().setChunked(true).putHeader("content-type", "text/event-stream");
            req.response().write("event: message_start\ndata: {\"type\":\"message_start\"}\n\n"); // then nothing
        };
        assertThrows(IOException.class, () -> rig.post(MESSAGES, anthropic("fault-stall").replace("{\"model\"",
                "{\"stream\":true,\"model\"")));
        AuditRecord cut = record("upstream stalled mid-answer");
        assertEquals("incomplete", cut.action());
        upstreamClosed.get(30, TimeUnit.SECONDS); // the stalled upstream request is not left open
    }

    @Test
    void clientLeavingMidUploadIsRecordedAndNothingGoesUpstream() throws Exception {
        int before = rig.stub.received.size();
        try (Socket s = new Socket("127.0.0.1", rig.port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + MESSAGES + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\n\r\n{\"messages\":[{\"role\":\"user\",\"content\":\"fault-upload ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        AuditRecord a = record("client left mid-upload");
        assertEquals("error", a.action());
        assertEquals(before, rig.stub.received.size());
    }

    @Test
    void clientLeavingMidStreamAbortsTheUpstreamRequest() throws Exception {
        CompletableFuture<Void> upstreamClosed = new CompletableFuture<>();
        rig.stub.responder = (req, rec) -> {
            req.connection().closeHandler(v -> upstreamClosed.complete(null));
            req.response().setChunked(true).putHeader("content-type", "text/event-stream");
            req.response().write("event: message_start\ndata: {\"type\":\"message_start\"}\n\n"); // and holds on
        };
        String body = anthropic("fault-leave").replace("{\"model\"", "{\"stream\":true,\"model\"");
        try (Socket s = new Socket("127.0.0.1", rig.port)) {
            s.getOutputStream().write(("POST " + MESSAGES + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            String seen = readUntil(in, "message_start");
            assertTrue(seen.startsWith("HTTP/1.1 200"), seen);
        }
        upstreamClosed.get(30, TimeUnit.SECONDS);
        assertEquals("incomplete", record("client left mid-answer").action());
    }

    @Test
    void clientLeavingDuringTheScanCancelsItWithinOneCheckInterval() throws Exception {
        rig.faults.waiting = new CompletableFuture<>();
        rig.faults.chargedAfterCancel = new CompletableFuture<>();
        int before = rig.stub.received.size();
        // large enough to be scanned on a worker (gateway.inlineScanChars)
        String body = anthropic("fault-scan-wait " + "words ".repeat(5000));
        try (Socket s = new Socket("127.0.0.1", rig.port)) {
            s.getOutputStream().write(("POST " + MESSAGES + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            rig.faults.waiting.get(30, TimeUnit.SECONDS);
        }
        long after = rig.faults.chargedAfterCancel.get(30, TimeUnit.SECONDS);
        assertTrue(after <= 1 << 15, "work after the cancel: " + after); // ScanContext checks every 2^15 units
        assertEquals("error", record("client left during the scan: scan cancelled").action());
        assertEquals(before, rig.stub.received.size());
    }

    @Test
    void scanBudgetExceededIsRefusedFailClosed() throws Exception {
        rig.faults.spun = new CompletableFuture<>();
        HttpResponse<String> r = rig.post(MESSAGES, anthropic("fault-scan-spin " + "words ".repeat(5000)));
        // onScanFailure: block (the default) refuses as a block does, saying why
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"type\":\"error\"") && r.body().contains("scan time budget exceeded"), r.body());
        assertTrue(rig.faults.spun.get(30, TimeUnit.SECONDS) > 0);
        AuditRecord a = record("scan time budget exceeded");
        assertTrue(a.action().equals("error") || a.action().equals("block"), a.action());
    }

    @Test
    void bodyThatFailsToDecompressIs400InTheProvidersFormat() throws Exception {
        int before = rig.stub.received.size();
        byte[] garbage = "this is not brotli at all, just text".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = rig.postBytes(MESSAGES, garbage, "content-encoding", "br");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"type\":\"error\"") && r.body().contains("not valid br data"), r.body());
        assertEquals("error", record("hush_bad_encoding").action());
        byte[] gz = GatewayFeaturesTest.gzip(anthropic("fault-gzip cut").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> cut = rig.postBytes(MESSAGES, java.util.Arrays.copyOf(gz, gz.length - 9),
                "content-encoding", "gzip");
        assertEquals(400, cut.statusCode(), cut.body());
        assertEquals(before, rig.stub.received.size());
    }

    @Test
    void compressionBombIs413() throws Exception {
        byte[] bomb = GatewayFeaturesTest.gzip(("{\"messages\":[{\"role\":\"user\",\"content\":\""
                + " ".repeat(8 * 1024 * 1024) + "\"}]}").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = rig.postBytes(CHAT, bomb, "content-encoding", "gzip");
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("hush_compression_ratio", code(r));
        assertEquals("error", record("hush_compression_ratio").action());
    }

    static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        while (!sb.toString().contains(marker)) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
