package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import dev.hush.config.GatewaySettings;
import dev.hush.policy.PolicyRule;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Compression, virtual keys, warn with justification, audit ordering, scan failure, metrics, scan cache. */
class GatewayFeaturesTest {
    static final String EMAIL = "jane.doe@example.com";
    GatewayFixture fx;

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private HttpResponse<String> postBytes(String path, byte[] body, String encoding) throws Exception {
        return fx.http.send(HttpRequest.newBuilder(URI.create(fx.url(path))).header("content-type", "application/json")
                .header("content-encoding", encoding).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(o)) {
            z.write(b);
        }
        return o.toByteArray();
    }

    static byte[] deflate(byte[] b) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(o)) {
            z.write(b);
        }
        return o.toByteArray();
    }

    @Test
    void compressedBodiesAreDecodedAndScanned() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        Brotli4jLoader.ensureAvailability();
        byte[] secret = GatewayChatTest.chat("key " + TestScanners.AWS_KEY).getBytes(StandardCharsets.UTF_8);
        byte[] pii = GatewayChatTest.chat("mail " + EMAIL).getBytes(StandardCharsets.UTF_8);
        for (String enc : List.of("gzip", "deflate", "br", "zstd")) {
            HttpResponse<String> b = postBytes("/openai/v1/chat/completions", compress(enc, secret), enc);
            assertEquals(400, b.statusCode(), enc + ": " + b.body());
            assertTrue(b.body().contains("hush_blocked"), enc);
            HttpResponse<String> p = postBytes("/openai/v1/chat/completions", compress(enc, pii), enc);
            assertEquals(200, p.statusCode(), enc + ": " + p.body());
            StubUpstream.Received got = fx.upstream.last();
            assertTrue(got.body().contains("mail <EMAIL_1>"), enc + ": " + got.body());
            assertNull(got.headers().get("content-encoding"), "forwarded decoded");
        }
        assertEquals(4, fx.upstream.received.size(), "no blocked body went upstream");
    }

    static byte[] compress(String enc, byte[] b) throws Exception {
        return switch (enc) {
            case "gzip" -> gzip(b);
            case "deflate" -> deflate(b);
            case "br" -> Encoder.compress(b);
            case "zstd" -> Zstd.compress(b);
            default -> throw new IllegalArgumentException(enc);
        };
    }

    @Test
    void undecodableEncodingIs415AndCompressionBombIs413() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.maxBodyBytes = 1024 * 1024);
        HttpResponse<String> r = postBytes("/anthropic/v1/messages", new byte[] {1, 2, 3, 4}, "xz");
        assertEquals(415, r.statusCode());
        assertTrue(r.body().contains("\"type\":\"error\""), r.body());
        byte[] bomb = gzip(("{\"messages\":\"" + " ".repeat(20 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertTrue(bomb.length < 100_000);
        HttpResponse<String> b = postBytes("/openai/v1/chat/completions", bomb, "gzip");
        assertEquals(413, b.statusCode());
        assertTrue(fx.upstream.received.isEmpty());
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        assertEquals(200, fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi")).statusCode());
    }

    @Test
    void largeBodiesAreScannedOnAWorkerWithTheSameOutcome() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.inlineScanChars = 10);
        fx.upstream.responder = (req, rec) -> {
            try {
                Echo.openAiJson(req, Echo.lastOpenAiText(rec.body()));
            } catch (Exception e) {
                req.response().setStatusCode(500).end();
            }
        };
        HttpResponse<String> b = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("key " + TestScanners.AWS_KEY));
        assertEquals(400, b.statusCode());
        HttpResponse<String> p = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("mail " + EMAIL));
        assertEquals(200, p.statusCode());
        assertTrue(fx.upstream.last().body().contains("mail <EMAIL_1>"));
        assertTrue(p.body().contains("You said: mail " + EMAIL), p.body());
        assertEquals(1, fx.upstream.received.size());
    }

    @Test
    void virtualKeyIsSwappedForTheProviderKey() throws Exception {
        fx = new GatewayFixture(c -> {
            GatewaySettings.VirtualKey vk = new GatewaySettings.VirtualKey();
            vk.provider = "openai";
            vk.key = "sk-real-provider-key";
            vk.user = "alice@corp";
            c.gateway.virtualKeys.put("hush-vk-alice", vk);
            GatewaySettings.VirtualKey g = new GatewaySettings.VirtualKey();
            g.provider = "gemini";
            g.key = "AIza-real";
            c.gateway.virtualKeys.put("hush-vk-gem", g);
        });
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"),
                "Authorization", "Bearer hush-vk-alice");
        assertEquals(200, r.statusCode());
        assertEquals("Bearer sk-real-provider-key", fx.upstream.last().headers().get("authorization"));
        assertEquals("alice@corp", fx.audit.last().user());
        assertFalse(fx.audit.last().toString().contains("sk-real-provider-key"));
        // an ordinary key is passed through untouched
        fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"), "Authorization", "Bearer sk-own");
        assertEquals("Bearer sk-own", fx.upstream.last().headers().get("authorization"));
        // Gemini: in the header or as ?key=
        String gem = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
        fx.post("/gemini/v1beta/models/g:generateContent", gem, "x-goog-api-key", "hush-vk-gem");
        assertEquals("AIza-real", fx.upstream.last().headers().get("x-goog-api-key"));
        fx.post("/gemini/v1beta/models/g:generateContent?key=hush-vk-gem&alt=json", gem);
        assertEquals("/v1beta/models/g:generateContent?key=AIza-real&alt=json", fx.upstream.last().uri());
        // a virtual key for another provider is not swapped
        fx.post("/anthropic/v1/messages", "{\"messages\":[]}", "x-api-key", "hush-vk-alice");
        assertEquals("hush-vk-alice", fx.upstream.last().headers().get("x-api-key"));
    }

    @Test
    void warnHoldsUntilRetriedWithJustification() throws Exception {
        fx = new GatewayFixture(c -> { }, twoMarkers());
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String body = GatewayChatTest.chat("summarise this TOP SECRET memo for " + EMAIL);
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", body);
        assertEquals(400, r.statusCode());
        String msg = Echo.JSON.readTree(r.body()).at("/error/message").asText();
        assertTrue(msg.contains("X-Hush-Justification"), msg);
        assertEquals("hush_warning", Echo.JSON.readTree(r.body()).at("/error/code").asText());
        assertTrue(fx.upstream.received.isEmpty());
        assertEquals("warn", fx.audit.last().action());
        assertNull(fx.audit.last().justification());
        // the reason alone does not override: it needs this warning's one-time token
        HttpResponse<String> alone = fx.post("/openai/v1/chat/completions", body, "X-Hush-Justification", "approved");
        assertEquals(400, alone.statusCode());
        String token = overrideToken(msg);
        HttpResponse<String> other = fx.post("/openai/v1/chat/completions",
                GatewayChatTest.chat("summarise this TOP SECRET memo for " + EMAIL + ", INTERNAL ONLY"),
                "X-Hush-Override", token, "X-Hush-Justification", "approved");
        assertEquals(400, other.statusCode(), "a token covers only the findings it was given for");
        HttpResponse<String> bob = fx.post("/openai/v1/chat/completions", body, "X-Hush-Override", token,
                "X-Hush-Justification", "approved", "X-Hush-User", "bob");
        assertEquals(400, bob.statusCode(), "and only the user it was given to");
        HttpResponse<String> ok = fx.post("/openai/v1/chat/completions", body, "X-Hush-Override", token,
                "X-Hush-Justification", "approved by legal, ticket 42");
        assertEquals(200, ok.statusCode());
        assertTrue(fx.upstream.last().body().contains("TOP SECRET memo for <EMAIL_1>"), "warned text goes, PII still pseudonymized");
        assertFalse(fx.upstream.last().headers().containsKey("x-hush-justification"), "Hush headers stay here");
        assertEquals("warn", fx.audit.last().action());
        assertEquals("approved by legal, ticket 42", fx.audit.last().justification());
        assertFalse(fx.upstream.last().headers().containsKey("x-hush-override"));
        HttpResponse<String> again = fx.post("/openai/v1/chat/completions", body, "X-Hush-Override", token,
                "X-Hush-Justification", "approved by legal, ticket 42");
        assertEquals(400, again.statusCode(), "one time only");
    }

    @Test
    void anOverrideTokenIsBoundToTheWarnedFindingsNotTheWholeText() throws Exception {
        fx = new GatewayFixture(c -> { }, twoMarkers());
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String path = "/openai/v1/chat/completions";
        String warned = "summarise this TOP SECRET memo";
        String token = overrideToken(message(fx.post(path, GatewayChatTest.chat(warned))));
        // a new secret in the retry is blocked, whatever token comes with it, and the token is not spent
        HttpResponse<String> secret = fx.post(path, GatewayChatTest.chat(warned + " with " + TestScanners.AWS_KEY),
                "X-Hush-Override", token, "X-Hush-Justification", "approved");
        assertEquals(400, secret.statusCode());
        assertEquals("block", fx.audit.last().action());
        // another warned value is held again
        HttpResponse<String> more = fx.post(path, GatewayChatTest.chat(warned + ", INTERNAL ONLY"),
                "X-Hush-Override", token, "X-Hush-Justification", "approved");
        assertEquals(400, more.statusCode());
        assertEquals("hush_warning", Echo.JSON.readTree(more.body()).at("/error/code").asText());
        // an unrelated clean sentence added: still what was warned about
        HttpResponse<String> ok = fx.post(path, GatewayChatTest.chat(warned + ". Keep it short, please."),
                "X-Hush-Override", token, "X-Hush-Justification", "approved by " + EMAIL);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("warn", fx.audit.last().action());
        String j = fx.audit.last().justification();
        assertTrue(j.startsWith("approved by [PII.EMAIL "), "the reason is scanned and stored masked: " + j);
        assertFalse(j.contains(EMAIL));
        assertEquals(1, fx.audit.last().justificationFindings().size());
        assertEquals(400, fx.post(path, GatewayChatTest.chat(warned), "X-Hush-Override", token,
                "X-Hush-Justification", "again").statusCode(), "single use");
    }

    /** The test scanner with a second classification marker, so a retry can add another warned value. */
    static dev.hush.detect.Scanner twoMarkers() {
        java.util.List<dev.hush.detect.Detector> d = new java.util.ArrayList<>(TestScanners.scanner().detectors());
        d.add(TestScanners.regex("test-marker-2", "INTERNAL ONLY", "CONFIDENTIAL.MARKER"));
        return new dev.hush.detect.Scanner(d, "test-2");
    }

    static String message(HttpResponse<String> r) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        return Echo.JSON.readTree(r.body()).at("/error/message").asText();
    }

    static String overrideToken(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("X-Hush-Override: ([A-Za-z0-9_-]+)'").matcher(message);
        assertTrue(m.find(), message);
        return m.group(1);
    }

    @Test
    void standingJustificationIsAnExplicitPolicyOption() throws Exception {
        fx = new GatewayFixture(c -> c.policy.standingJustification = true);
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String body = GatewayChatTest.chat("summarise this TOP SECRET memo");
        assertEquals(200, fx.post("/openai/v1/chat/completions", body, "X-Hush-Justification", "standing reason").statusCode());
        assertEquals("warn", fx.audit.last().action());
        assertEquals("standing reason", fx.audit.last().justification());
    }

    @Test
    void responseIsReleasedOnlyAfterTheAuditRecordIsDurable() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        fx.audit.gate = gate;
        CompletableFuture<HttpResponse<String>> pending = fx.http.sendAsync(HttpRequest.newBuilder(
                URI.create(fx.url("/openai/v1/chat/completions"))).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayChatTest.chat("hi"))).build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fx.upstream.received.isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertEquals(1, fx.upstream.received.size(), "the upstream answered");
        // a bounded look for an answer that must not come: the wait is the assertion, not a stand-in for one
        assertThrows(java.util.concurrent.TimeoutException.class,
                () -> pending.get(300, java.util.concurrent.TimeUnit.MILLISECONDS),
                "answer released before its audit record was durable");
        assertFalse(pending.isDone(), "answer released before its audit record was durable");
        gate.complete(null);
        assertEquals(200, pending.get().statusCode());
        assertEquals(1, fx.audit.records.size());
    }

    /**
     * The overlap (docs/audit.md): the request goes upstream while its decision line syncs, and the answer's head
     * arrives and its outcome line is appended, yet not one byte reaches the client until the decision is durable.
     */
    @Test
    void noByteIsReleasedBeforeTheDecisionLineIsDurable() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        CompletableFuture<Void> decision = new CompletableFuture<>();
        fx.audit.decisionGate = decision;
        byte[] body = GatewayChatTest.chat("hi").getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket sock = new java.net.Socket("127.0.0.1", fx.port)) {
            sock.getOutputStream().write(("POST /openai/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            sock.getOutputStream().write(body);
            sock.getOutputStream().flush();
            // the outcome line is appended when the head arrives: by then the upstream has answered
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (fx.audit.lines.stream().noneMatch(dev.hush.audit.AuditRecord::isOutcome)
                    && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertEquals(1, fx.upstream.received.size(), "the request went upstream while its decision synced");
            dev.hush.audit.AuditRecord outcome = fx.audit.lines.get(0);
            assertTrue(outcome.isOutcome(), "the decision line is still held");
            assertEquals(200, outcome.upstreamStatus());
            sock.setSoTimeout(300);
            assertThrows(java.net.SocketTimeoutException.class, () -> sock.getInputStream().read(),
                    "a byte of the answer reached the client before its decision line was durable");
            decision.complete(null);
            sock.setSoTimeout(20_000);
            byte[] head = sock.getInputStream().readNBytes(12);
            assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
        }
        assertEquals(2, fx.audit.lines.size());
        assertEquals(1, fx.audit.records.size(), "joined: one record per request");
        assertEquals("allow", fx.audit.last().action());
        assertEquals(200, fx.audit.last().upstreamStatus());
    }

    @Test
    void aFailedDecisionCancelsTheUpstreamCallAndAnswers503() throws Exception {
        fx = new GatewayFixture();
        CompletableFuture<Void> upstreamSeen = new CompletableFuture<>();
        // the upstream never answers: only the failed decision can end this request
        fx.upstream.responder = (req, rec) -> upstreamSeen.complete(null);
        CompletableFuture<Void> decision = new CompletableFuture<>();
        fx.audit.decisionGate = decision;
        CompletableFuture<HttpResponse<String>> pending = fx.http.sendAsync(HttpRequest.newBuilder(
                URI.create(fx.url("/openai/v1/chat/completions"))).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayChatTest.chat("hi"))).build(),
                HttpResponse.BodyHandlers.ofString());
        upstreamSeen.get(20, java.util.concurrent.TimeUnit.SECONDS);
        decision.completeExceptionally(new java.io.IOException("disk full"));
        HttpResponse<String> r = pending.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(503, r.statusCode());
        assertEquals("hush_audit_unavailable", Echo.JSON.readTree(r.body()).at("/error/code").asText(), r.body());
        fx.audit.decisionGate = null;
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        assertEquals(200, fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi")).statusCode());
    }

    @Test
    void scanFailureBlocksByDefaultAndForwardsWhenConfigured() throws Exception {
        for (String mode : List.of("block", "forward")) {
            dev.hush.detect.Detector broken = new dev.hush.detect.Detector() {
                @Override
                public String id() {
                    return "broken";
                }

                @Override
                public void detect(dev.hush.detect.ScanText text, dev.hush.detect.FindingSink sink) {
                    throw new IllegalStateException("detector bug");
                }
            };
            fx = new GatewayFixture(c -> c.gateway.onScanFailure = mode,
                    new dev.hush.detect.Scanner(List.of(broken), "broken-1"));
            fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
            HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("boom"));
            if (mode.equals("block")) {
                assertEquals(400, r.statusCode());
                assertTrue(r.body().contains("hush_scan_failed"));
                assertTrue(fx.upstream.received.isEmpty());
            } else {
                assertEquals(200, r.statusCode());
                assertEquals(1, fx.upstream.received.size());
            }
            assertTrue(fx.audit.last().reason().startsWith("scan failed"), fx.audit.last().reason());
            fx.close();
            fx = null;
        }
    }

    @Test
    void adminServesHealthReadinessAndPrometheusMetrics() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        AdminServer admin = new AdminServer(fx.vertx, fx.gateway, fx.metrics);
        int port = admin.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get();
        fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("mail " + EMAIL));
        fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("key " + TestScanners.AWS_KEY));
        HttpResponse<String> h = get("http://127.0.0.1:" + port + "/healthz");
        assertEquals(200, h.statusCode());
        assertEquals(200, get("http://127.0.0.1:" + port + "/readyz").statusCode());
        HttpResponse<String> m = get("http://127.0.0.1:" + port + "/metrics");
        assertEquals(200, m.statusCode());
        assertTrue(m.body().contains("hush_requests_total{action=\"pseudonymize\",provider=\"openai\"} 1.0"), m.body());
        assertTrue(m.body().contains("hush_requests_total{action=\"block\",provider=\"openai\"} 1.0"), m.body());
        assertTrue(m.body().contains("hush_findings_total{action=\"block\",type=\"SECRET.AWS_ACCESS_KEY_ID\"} 1.0"), m.body());
        assertFalse(m.body().contains(EMAIL) || m.body().contains(TestScanners.AWS_KEY));
        admin.stop();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return fx.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fiftyTurnConversationScansOnlyItsNewTexts() throws Exception {
        fx = new GatewayFixture(c -> c.policy.rules.add(new PolicyRule("allow-all-pii", "PII.*", "allow")));
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        StringBuilder messages = new StringBuilder("{\"role\":\"system\",\"content\":\"You are a careful assistant who answers questions about the quarterly plan.\"}");
        long prevMisses = 0;
        long prevHits = 0;
        for (int turn = 1; turn <= 50; turn++) {
            messages.append(",{\"role\":\"user\",\"content\":\"Question number ").append(turn)
                    .append(": what changed in section ").append(turn).append(" of the plan since last week, and who owns it?\"}");
            String body = "{\"model\":\"gpt-4o\",\"messages\":[" + messages + "]}";
            assertEquals(200, fx.post("/openai/v1/chat/completions", body).statusCode());
            long misses = fx.gateway.scanCache().misses();
            long hits = fx.gateway.scanCache().hits();
            // each turn scans only its two new texts (the last answer and the new question, or the system
            // prompt and the first question); the 2n-2 resent messages come from the cache
            assertEquals(2, misses - prevMisses, "turn " + turn);
            assertEquals(2L * turn - 2, hits - prevHits, "turn " + turn);
            if (turn == 1 || turn == 50) {
                System.out.println("turn " + turn + ": " + (2 * turn) + " messages, scan " + fx.audit.last().scanMicros()
                        + " us, " + fx.audit.last().bytesScanned() + " bytes");
            }
            prevMisses = misses;
            prevHits = hits;
            messages.append(",{\"role\":\"assistant\",\"content\":\"Section ").append(turn)
                    .append(" changed its budget line; the owner is the planning team, as noted in the minutes.\"}");
            // the assistant answer of this turn is new in the next one
        }
    }
}
