package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code --demo} stand-in model, reached through the gateway, answers with the fields and event
 * sequences the official SDKs rely on (their stream accumulators fail without them): Anthropic's usage in
 * {@code message_start} and {@code message_delta}, OpenAI's chunk ids, roles and usage, the Responses
 * stream's {@code response.created} and item events, Gemini's usage metadata, and each provider's model list.
 */
class DemoUpstreamTest {
    GatewayFixture fx;
    final io.vertx.core.Vertx demoVertx = io.vertx.core.Vertx.vertx();
    DemoUpstream demo;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoUpstream(demoVertx);
        int port = demo.start().await();
        fx = new GatewayFixture(c -> {
            for (String p : List.of("openai", "azure", "anthropic", "gemini")) {
                c.gateway.upstreams.put(p, "http://127.0.0.1:" + port);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
        demo.stop().await();
        demoVertx.close().await();
    }

    /** Parsed SSE events: [event name or "", data JSON] pairs, "[DONE]" kept as text. */
    private static List<String[]> events(String body) {
        List<String[]> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String event = "";
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (data != null) {
                out.add(new String[] {event, data});
            }
        }
        return out;
    }

    private static JsonNode json(String s) throws Exception {
        return Echo.JSON.readTree(s);
    }

    @Test
    void anthropicStreamCarriesUsageWhereTheSdkReadsIt() throws Exception {
        HttpResponse<String> r = fx.post("/anthropic/v1/messages",
                "{\"model\":\"claude-demo\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}",
                "anthropic-version", "2023-06-01");
        assertEquals(200, r.statusCode(), r.body());
        List<String[]> ev = events(r.body());
        List<String> names = ev.stream().map(e -> e[0]).toList();
        assertEquals("message_start", names.get(0));
        assertEquals("content_block_start", names.get(1));
        assertEquals(List.of("content_block_stop", "message_delta", "message_stop"), names.subList(names.size() - 3, names.size()));
        JsonNode start = json(ev.get(0)[1]);
        assertTrue(start.at("/message/usage/input_tokens").asInt() > 0, start.toString());
        assertTrue(start.at("/message/stop_reason").isNull());
        assertEquals("claude-demo", start.at("/message/model").asText());
        JsonNode delta = json(ev.get(ev.size() - 2)[1]);
        assertEquals("end_turn", delta.at("/delta/stop_reason").asText());
        assertTrue(delta.at("/usage/output_tokens").asInt() > 0, delta.toString());
        StringBuilder text = new StringBuilder();
        for (String[] e : ev) {
            if (e[0].equals("content_block_delta")) {
                text.append(json(e[1]).at("/delta/text").asText());
            }
        }
        assertEquals("You said: hello there", text.toString());
        HttpResponse<String> whole = fx.post("/anthropic/v1/messages",
                "{\"model\":\"claude-demo\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        JsonNode m = json(whole.body());
        assertTrue(m.at("/usage/output_tokens").asInt() > 0, m.toString());
        assertTrue(m.has("stop_sequence"));
    }

    @Test
    void openAiChatChunksHaveIdsRoleFinishAndUsage() throws Exception {
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", "{\"model\":\"gpt-demo\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}");
        List<String[]> ev = events(r.body());
        assertEquals("[DONE]", ev.get(ev.size() - 1)[1]);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ev.size() - 1; i++) {
            JsonNode c = json(ev.get(i)[1]);
            assertEquals("chatcmpl-demo", c.path("id").asText());
            assertEquals("chat.completion.chunk", c.path("object").asText());
            assertTrue(c.path("created").asLong() > 0);
            assertEquals("gpt-demo", c.path("model").asText());
            assertTrue(c.path("choices").isArray());
            text.append(c.at("/choices/0/delta/content").asText(""));
        }
        assertEquals("assistant", json(ev.get(0)[1]).at("/choices/0/delta/role").asText());
        assertEquals("stop", json(ev.get(ev.size() - 3)[1]).at("/choices/0/finish_reason").asText());
        JsonNode usage = json(ev.get(ev.size() - 2)[1]);
        assertEquals(0, usage.path("choices").size());
        assertTrue(usage.at("/usage/total_tokens").asInt() > 0);
        assertEquals("You said: hello there", text.toString());
        JsonNode whole = json(fx.post("/openai/v1/chat/completions",
                "{\"model\":\"gpt-demo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body());
        assertTrue(whole.at("/usage/prompt_tokens").asInt() > 0);
        assertTrue(whole.path("created").asLong() > 0);
    }

    @Test
    void responsesStreamStartsWithResponseCreatedAndEndsWithTheWholeResponse() throws Exception {
        HttpResponse<String> r = fx.post("/openai/v1/responses", "{\"model\":\"gpt-demo\",\"stream\":true,\"input\":\"hello there\"}");
        List<String[]> ev = events(r.body());
        List<String> names = ev.stream().map(e -> e[0]).toList();
        assertEquals(List.of("response.created", "response.output_item.added", "response.content_part.added"), names.subList(0, 3));
        assertEquals(List.of("response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed"), names.subList(names.size() - 4, names.size()));
        for (int i = 0; i < ev.size(); i++) {
            JsonNode e = json(ev.get(i)[1]);
            assertEquals(names.get(i), e.path("type").asText());
            assertEquals(i, e.path("sequence_number").asInt());
        }
        JsonNode done = json(ev.get(ev.size() - 1)[1]).path("response");
        assertEquals("completed", done.path("status").asText());
        assertEquals("You said: hello there", done.at("/output/0/content/0/text").asText());
        assertTrue(done.at("/usage/total_tokens").asInt() > 0);
        assertEquals("in_progress", json(ev.get(0)[1]).at("/response/status").asText());
    }

    @Test
    void geminiStreamEndsWithUsageMetadata() throws Exception {
        HttpResponse<String> r = fx.post("/gemini/v1beta/models/demo:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there\"}]}]}");
        List<String[]> ev = events(r.body());
        JsonNode last = json(ev.get(ev.size() - 1)[1]);
        assertEquals("STOP", last.at("/candidates/0/finishReason").asText());
        assertTrue(last.at("/usageMetadata/totalTokenCount").asInt() > 0);
        StringBuilder text = new StringBuilder();
        for (String[] e : ev) {
            text.append(json(e[1]).at("/candidates/0/content/parts/0/text").asText());
        }
        assertEquals("You said: hello there", text.toString());
    }

    private JsonNode get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.url(path))).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = fx.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return json(r.body());
    }

    @Test
    void everyProviderListsItsModels() throws Exception {
        JsonNode o = get("/openai/v1/models");
        assertEquals("list", o.path("object").asText());
        assertEquals("demo", o.at("/data/0/id").asText());
        assertEquals("model", o.at("/data/0/object").asText());
        assertEquals("demo", get("/v1/models/demo").path("id").asText());
        JsonNode a = get("/anthropic/v1/models", "anthropic-version", "2023-06-01");
        assertEquals("model", a.at("/data/0/type").asText());
        assertFalse(a.path("has_more").asBoolean(true));
        JsonNode g = get("/gemini/v1beta/models");
        assertEquals("models/demo", g.at("/models/0/name").asText());
        assertTrue(g.at("/models/0/supportedGenerationMethods").toString().contains("streamGenerateContent"));
    }
}
