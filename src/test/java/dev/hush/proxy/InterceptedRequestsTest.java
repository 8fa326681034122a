package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.adapter.Adapter;
import dev.hush.adapter.Adapters;
import dev.hush.adapter.Answer;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.GenericAdapter;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.Refusal;
import dev.hush.audit.AuditRecord;
import dev.hush.audit.KeyedHash;
import dev.hush.config.HushConfig;
import dev.hush.pipeline.ProxyMetrics;
import dev.hush.pipeline.RequestPipeline;
import dev.hush.pipeline.Targets;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The second front door: requests as the forward proxy will hand them over (origin-form, destination host
 * known), run through the same pipeline via {@code RequestPipeline.handle(req, targets.intercepted(host, uri))}.
 * A plain in-test server stands in for the proxy's internal TLS server.
 */
class InterceptedRequestsTest {
    static final String EMAIL = "kim.osei@corp.example";

    /** A web-app adapter as the webapp helper will write one: its own path, the generic reading, an in-app refusal. */
    static final class ChatApp implements Adapter {
        @Override
        public String name() {
            return "chatapp";
        }

        @Override
        public boolean intercepts(String host, String path) {
            return host.equals("chat.example.com") && path.startsWith("/api/chat");
        }

        @Override
        public ExtractedRequest extract(InboundRequest request, String path) {
            return GenericAdapter.extractAll(request);
        }

        @Override
        public Answer refusal(Refusal r, InboundRequest request) {
            String event = "data: {\"role\":\"assistant\",\"text\":\"" + r.code() + "\"}\n\n";
            return new Answer(200, "text/event-stream", event.getBytes(StandardCharsets.UTF_8));
        }
    }

    final Vertx vertx = Vertx.vertx();
    final MemoryAuditSink audit = new MemoryAuditSink();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    StubUpstream upstream;
    RequestPipeline pipeline;
    HttpServer front;
    volatile String sniHost = "chatgpt.com";

    @BeforeEach
    void start() throws Exception {
        upstream = new StubUpstream(vertx);
        HushConfig cfg = new HushConfig();
        cfg.gateway.upstreams.put("chatgpt.com", upstream.url());
        cfg.gateway.upstreams.put("chat.example.com", upstream.url());
        Adapters adapters = new Adapters(List.of(new ChatApp())); // the one registration line
        Targets targets = new Targets(adapters, cfg.gateway.upstreams);
        pipeline = new RequestPipeline(vertx, cfg, adapters, TestScanners.scanner(), audit,
                new KeyedHash("0123456789abcdef0123456789abcdef".getBytes()), new ProxyMetrics());
        front = vertx.createHttpServer()
                .requestHandler(req -> pipeline.handle(req, targets.intercepted(sniHost, req.uri()), "alice"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }

    @AfterEach
    void stop() throws Exception {
        front.close().toCompletionStage().toCompletableFuture().get();
        pipeline.close().toCompletionStage().toCompletableFuture().get();
        upstream.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.actualPort() + path))
                .timeout(Duration.ofSeconds(20)).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownAppJsonWithASecretIsBlockedByTheGenericAdapter() throws Exception {
        String body = "{\"action\":\"next\",\"messages\":[{\"content\":{\"parts\":[\"deploy " + TestScanners.AWS_KEY + "\"]}}]}";
        HttpResponse<String> r = post("/backend-api/conversation", "application/json", body);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode err = Echo.JSON.readTree(r.body()).get("error");
        assertEquals("hush_blocked", err.get("code").asText());
        assertEquals("messages[0].content.parts[0]", err.get("param").asText());
        assertFalse(r.body().contains(TestScanners.AWS_KEY));
        assertTrue(upstream.received.isEmpty(), "nothing may reach the app");
        AuditRecord a = audit.last();
        assertEquals("block", a.action());
        assertEquals("generic", a.provider());
        assertEquals("/backend-api/conversation", a.endpoint());
        assertEquals("alice", a.user(), "the proxy's user names the caller");
    }

    @Test
    void formWithJsonInsideIsPseudonymizedAndTheStreamedAnswerRestored() throws Exception {
        upstream.responder = (req, rec) -> {
            String freq = URLDecoder.decode(rec.body().substring("f.req=".length()), StandardCharsets.UTF_8);
            String said;
            try {
                said = Echo.JSON.readTree(Echo.JSON.readTree(freq).get(1).asText()).get(0).asText();
            } catch (Exception e) {
                said = "unreadable";
            }
            req.response().putHeader("content-type", "text/event-stream")
                    .end("data: " + Echo.JSON.createObjectNode().put("text", "You said: " + said) + "\n\n");
        };
        String inner = Echo.JSON.writeValueAsString(List.of("mail " + EMAIL));
        String freq = Echo.JSON.writeValueAsString(List.of("XqA3Ic", inner));
        HttpResponse<String> r = post("/_/BardChatUi/data/batchexecute", "application/x-www-form-urlencoded",
                "f.req=" + URLEncoder.encode(freq, StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        String sent = URLDecoder.decode(upstream.last().body().substring("f.req=".length()), StandardCharsets.UTF_8);
        assertFalse(sent.contains(EMAIL), sent);
        assertEquals("mail <EMAIL_1>", Echo.JSON.readTree(Echo.JSON.readTree(sent).get(1).asText()).get(0).asText());
        assertEquals("/_/BardChatUi/data/batchexecute", upstream.last().uri());
        assertTrue(r.body().contains("You said: mail " + EMAIL), r.body());
        assertEquals("pseudonymize", audit.last().action());
    }

    @Test
    void aRegisteredWebAppAnswersARefusalInItsOwnStreamFormat() throws Exception {
        sniHost = "chat.example.com";
        HttpResponse<String> r = post("/api/chat", "application/json", "{\"messageInput\":\"key " + TestScanners.AWS_KEY + "\"}");
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("content-type").orElse(""));
        assertTrue(r.body().contains("\"text\":\"hush_blocked\""), r.body());
        assertEquals("block", r.headers().firstValue("X-Hush-Action").orElse(""));
        assertEquals("chatapp", audit.last().provider());
        assertTrue(upstream.received.isEmpty());
    }
}
