package dev.hush.proxy;

import dev.hush.pipeline.ProxyMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.audit.ChainedAuditLog;
import dev.hush.audit.KeyedHash;
import dev.hush.config.AuditSettings;
import dev.hush.config.HushConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real hash-chained audit file after blocked, pseudonymized and warned requests: findings, never values. */
class GatewayAuditFileTest {

    @Test
    void auditFileNamesFindingsButHoldsNoRawValue(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        StubUpstream up = new StubUpstream(vertx);
        up.responder = (req, rec) -> {
            try {
                Echo.openAiJson(req, Echo.lastOpenAiText(rec.body()));
            } catch (Exception e) {
                req.response().setStatusCode(500).end();
            }
        };
        HushConfig cfg = new HushConfig();
        cfg.gateway.upstreams.put("openai", up.url());
        ChainedAuditLog log = ChainedAuditLog.open(dir, new AuditSettings());
        GatewayServer gw = new GatewayServer(vertx, cfg, TestScanners.scanner(), log,
                new KeyedHash("0123456789abcdef0123456789abcdef".getBytes()), new ProxyMetrics());
        int port = gw.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get();
        HttpClient http = HttpClient.newHttpClient();
        String email = "jane.doe@example.com";
        List<String> prompts = List.of("key " + TestScanners.AWS_KEY, "mail " + email, "TOP SECRET plan");
        List<Integer> statuses = new ArrayList<>();
        for (String p : prompts) {
            statuses.add(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .header("content-type", "application/json").header("Authorization", "Bearer sk-live-abcdef")
                    .header("X-Hush-User", "alice")
                    .POST(HttpRequest.BodyPublishers.ofString(GatewayChatTest.chat(p))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        assertEquals(List.of(400, 200, 400), statuses);
        gw.stop().toCompletionStage().toCompletableFuture().get();
        log.close();
        up.close();
        vertx.close();

        StringBuilder all = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(x -> x.toString().endsWith(".jsonl")).toList()) {
                all.append(Files.readString(f));
            }
        }
        String[] stored = all.toString().split("\n");
        // the forwarded request has two lines: its decision (before it went upstream) and its outcome
        assertEquals(4, stored.length);
        JsonNode decision = Echo.JSON.readTree(stored[1]);
        JsonNode outcome = Echo.JSON.readTree(stored[2]);
        assertEquals("decision", decision.get("stage").asText());
        assertFalse(decision.has("upstreamStatus"), "a decision line is written before anything came back");
        assertEquals("outcome", outcome.get("stage").asText());
        assertEquals(decision.get("requestId"), outcome.get("requestId"));
        assertEquals(decision.get("seq").asLong() + 1, outcome.get("seq").asLong());
        assertFalse(outcome.has("findings"), "the outcome line holds only what the upstream answered");
        assertTrue(dev.hush.audit.AuditVerifier.verify(dir).intact());
        assertTrue(dev.hush.audit.AuditVerifier.verify(dir).notes().isEmpty(), "every decision has its outcome");
        String[] lines = dev.hush.audit.AuditJoin.join(List.of(stored)).toArray(String[]::new);
        assertEquals(3, lines.length);
        JsonNode block = Echo.JSON.readTree(lines[0]);
        assertEquals("block", block.get("action").asText());
        assertEquals("alice", block.get("user").asText());
        assertEquals("SECRET.AWS_ACCESS_KEY_ID", block.at("/findings/0/type").asText());
        assertEquals("messages[1].content", block.at("/findings/0/location").asText());
        assertTrue(block.at("/findings/0/hash").asText().startsWith("hmac:"));
        JsonNode pseudo = Echo.JSON.readTree(lines[1]);
        assertEquals("pseudonymize", pseudo.get("action").asText());
        assertEquals(200, pseudo.get("upstreamStatus").asInt());
        assertEquals("warn", Echo.JSON.readTree(lines[2]).get("action").asText());
        String text = all.toString();
        assertFalse(text.contains(TestScanners.AWS_KEY));
        assertFalse(text.contains(email));
        assertFalse(text.contains("sk-live-abcdef"));
        assertFalse(text.contains("TOP SECRET plan"));
    }
}
