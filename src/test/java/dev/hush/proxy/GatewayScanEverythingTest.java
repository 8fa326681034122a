package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing the provider reads leaves unscanned: the fields the SDKs send besides messages (tools, schemas,
 * prediction, metadata, user, instructions, prompt variables, function declarations), any other string of
 * the body, path segments and query values. Headers go upstream by an allowlist; WebSocket upgrades on API
 * routes are answered 501.
 */
class GatewayScanEverythingTest extends WithGateway {
    private static final String V = "${V}";

    /** A fresh AWS-access-key-shaped value (what the fixture's scanner knows). */
    static String secret() {
        StringBuilder b = new StringBuilder("AKIA");
        Random r = new Random(11);
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for (int i = 0; i < 16; i++) {
            b.append(abc.charAt(r.nextInt(abc.length())));
        }
        return b.toString();
    }

    static Stream<Arguments> fields() {
        String chat = "/openai/v1/chat/completions";
        String resp = "/openai/v1/responses";
        String msgs = "{\"role\":\"user\",\"content\":\"hi\"}";
        return Stream.of(
                Arguments.of("chat tools description", chat, "{\"model\":\"gpt-4o\",\"messages\":[" + msgs + "],"
                        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"use " + V
                        + "\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]}"),
                Arguments.of("chat tools parameters", chat, "{\"model\":\"gpt-4o\",\"messages\":[" + msgs + "],"
                        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":"
                        + "\"object\",\"properties\":{\"k\":{\"type\":\"string\",\"description\":\"" + V + "\"}}}}}]}"),
                Arguments.of("chat tools parameters enum", chat, "{\"model\":\"gpt-4o\",\"messages\":[" + msgs + "],"
                        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":"
                        + "\"object\",\"properties\":{\"k\":{\"type\":\"string\",\"enum\":[\"" + V + "\"]}}}}}]}"),
                Arguments.of("chat response_format schema", chat, "{\"model\":\"gpt-4o\",\"messages\":[" + msgs
                        + "],\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\","
                        + "\"schema\":{\"type\":\"object\",\"description\":\"" + V + "\"}}}}"),
                Arguments.of("chat prediction", chat, "{\"model\":\"gpt-4o\",\"messages\":[" + msgs + "],"
                        + "\"prediction\":{\"type\":\"content\",\"content\":\"" + V + "\"}}"),
                Arguments.of("chat metadata", chat, "{\"model\":\"gpt-4o\",\"messages\":[" + msgs + "],"
                        + "\"metadata\":{\"k\":\"" + V + "\"}}"),
                Arguments.of("chat user", chat, "{\"model\":\"gpt-4o\",\"messages\":[" + msgs + "],\"user\":\"" + V + "\"}"),
                Arguments.of("chat message name (a structural key)", chat, "{\"model\":\"gpt-4o\",\"messages\":["
                        + "{\"role\":\"tool\",\"tool_call_id\":\"" + V + "\",\"content\":\"ok\"}]}"),
                Arguments.of("chat field no adapter knows", chat, "{\"model\":\"gpt-4o\",\"messages\":[" + msgs
                        + "],\"x_new_field\":{\"deep\":[1,\"" + V + "\"]}}"),
                Arguments.of("JSON inside an unknown string", chat, "{\"model\":\"gpt-4o\",\"messages\":[" + msgs
                        + "],\"x_blob\":\"{\\\"a\\\":\\\"" + V + "\\\"}\"}"),
                Arguments.of("responses tools", resp, "{\"model\":\"gpt-4o\",\"input\":\"hi\",\"tools\":[{\"type\":"
                        + "\"function\",\"name\":\"f\",\"description\":\"" + V + "\",\"parameters\":{}}]}"),
                Arguments.of("responses instructions as messages", resp, "{\"model\":\"gpt-4o\",\"input\":\"hi\","
                        + "\"instructions\":[{\"role\":\"developer\",\"content\":\"" + V + "\"}]}"),
                Arguments.of("responses text.format", resp, "{\"model\":\"gpt-4o\",\"input\":\"hi\",\"text\":{"
                        + "\"format\":{\"type\":\"json_schema\",\"name\":\"s\",\"schema\":{\"description\":\"" + V + "\"}}}}"),
                Arguments.of("responses prompt.variables", resp, "{\"model\":\"gpt-4o\",\"prompt\":{\"id\":\"pmpt_1\","
                        + "\"variables\":{\"city\":\"" + V + "\"}}}"),
                Arguments.of("anthropic tools", "/anthropic/v1/messages", "{\"model\":\"claude\",\"max_tokens\":5,"
                        + "\"messages\":[" + msgs + "],\"tools\":[{\"name\":\"f\",\"description\":\"" + V + "\","
                        + "\"input_schema\":{\"type\":\"object\"}}]}"),
                Arguments.of("anthropic tool input_schema", "/anthropic/v1/messages", "{\"model\":\"claude\","
                        + "\"max_tokens\":5,\"messages\":[" + msgs + "],\"tools\":[{\"name\":\"f\",\"input_schema\":"
                        + "{\"type\":\"object\",\"properties\":{\"x\":{\"description\":\"" + V + "\"}}}}]}"),
                Arguments.of("gemini functionDeclarations", "/gemini/v1beta/models/gemini-2.0-flash:generateContent",
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"tools\":[{"
                        + "\"functionDeclarations\":[{\"name\":\"f\",\"description\":\"" + V + "\"}]}]}"),
                Arguments.of("gemini responseSchema", "/gemini/v1beta/models/gemini-2.0-flash:generateContent",
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{"
                        + "\"responseSchema\":{\"type\":\"STRING\",\"description\":\"" + V + "\"}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void aSecretInAnyFieldIsBlocked(String name, String path, String template) throws Exception {
        HttpResponse<String> r = fx.post(path, template.replace(V, secret()));
        assertEquals(400, r.statusCode(), name + ": " + r.body());
        assertEquals("block", r.headers().firstValue("X-Hush-Action").orElse(""), r.body());
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the upstream");
        assertFalse(r.body().contains(secret()), "the refusal must not quote the value");

        // the same body with a harmless word passes unchanged
        HttpResponse<String> ok = fx.post(path, template.replace(V, "weather"));
        assertEquals(200, ok.statusCode(), name + ": " + ok.body());
        assertEquals(Echo.JSON.readTree(template.replace(V, "weather")), Echo.JSON.readTree(fx.upstream.last().body()));
    }

    @Test
    void aPersonalValueInAFieldNoAdapterKnowsIsRewrittenInPlace() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"x_note\":{\"to\":\"mail " + GatewayChatTest.EMAIL + "\"},\"x_blob\":\"{\\\"cc\\\":\\\""
                + GatewayChatTest.EMAIL + "\\\"}\"}";
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", body);
        assertEquals(200, r.statusCode(), r.body());
        String sent = fx.upstream.last().body();
        assertFalse(sent.contains(GatewayChatTest.EMAIL), sent);
        JsonNode tree = Echo.JSON.readTree(sent);
        assertEquals("mail <EMAIL_1>", tree.at("/x_note/to").asText());
        assertEquals("<EMAIL_1>", Echo.JSON.readTree(tree.get("x_blob").asText()).get("cc").asText());
        assertEquals("hi", tree.at("/messages/0/content").asText());
    }

    @Test
    void queryValuesAndPathSegmentsAreScanned() throws Exception {
        HttpResponse<String> q = fx.post("/openai/v1/chat/completions?note=" + secret(), GatewayChatTest.chat("hi"));
        assertEquals(400, q.statusCode(), q.body());
        HttpResponse<String> seg = get("/openai/v1/files/" + secret() + "/content");
        assertEquals(400, seg.statusCode(), seg.body());
        assertEquals("block", seg.headers().firstValue("X-Hush-Action").orElse(""));
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the upstream");

        String enc = java.net.URLEncoder.encode("for " + GatewayChatTest.EMAIL, StandardCharsets.UTF_8);
        HttpResponse<String> ok = get("/openai/v1/vector_stores/vs_1/search?q=" + enc + "&limit=5");
        assertEquals(200, ok.statusCode(), ok.body());
        String uri = fx.upstream.last().uri();
        assertFalse(uri.contains("example.com"), uri);
        assertTrue(uri.startsWith("/v1/vector_stores/vs_1/search?q="), uri);
        assertTrue(uri.endsWith("&limit=5"), uri);
        assertEquals("for <EMAIL_1>", java.net.URLDecoder.decode(uri.substring(uri.indexOf("q=") + 2,
                uri.indexOf('&')), StandardCharsets.UTF_8));
    }

    @Test
    void theApiKeyQueryParameterIsTheKeyNotAText() throws Exception {
        HttpResponse<String> r = fx.post("/gemini/v1beta/models/gemini-2.0-flash:generateContent?key=" + secret(),
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(fx.upstream.last().uri().contains("key=" + secret()));
    }

    @Test
    void headersGoUpstreamByAnAllowlist() throws Exception {
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"),
                "Authorization", "Bearer sk-test-1", "OpenAI-Organization", "org-1", "Cookie", "sid=" + secret(),
                "X-Stainless-Os", "Linux", "X-Custom-Note", secret(), "Accept", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        var h = fx.upstream.last().headers();
        assertEquals("Bearer sk-test-1", h.get("authorization"));
        assertEquals("org-1", h.get("openai-organization"));
        assertEquals("application/json", h.get("content-type"));
        assertEquals("application/json", h.get("accept"));
        assertFalse(h.containsKey("cookie"), h.toString());
        assertFalse(h.containsKey("x-stainless-os"), h.toString());
        assertFalse(h.containsKey("x-custom-note"), h.toString());
        assertFalse(h.containsKey("user-agent"), h.toString());

        fx.post("/anthropic/v1/messages", "{\"model\":\"c\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}", "x-api-key", "k-1", "anthropic-version", "2023-06-01",
                "anthropic-beta", "b1", "openai-organization", "org-2", "Cookie", "a=b");
        h = fx.upstream.last().headers();
        assertEquals("k-1", h.get("x-api-key"));
        assertEquals("2023-06-01", h.get("anthropic-version"));
        assertEquals("b1", h.get("anthropic-beta"));
        assertFalse(h.containsKey("openai-organization"), "another provider's header is stray here");
        assertFalse(h.containsKey("cookie"));

        fx.post("/gemini/v1beta/models/g:generateContent", "{\"contents\":[]}", "x-goog-api-key", "g-1",
                "x-goog-api-client", "genai-js/1", "Cookie", "a=b");
        h = fx.upstream.last().headers();
        assertEquals("g-1", h.get("x-goog-api-key"));
        assertEquals("genai-js/1", h.get("x-goog-api-client"));
        assertFalse(h.containsKey("cookie"));
    }

    @Test
    void aWebSocketUpgradeOnAnApiRouteIsAnswered501() throws Exception {
        try (Socket s = new Socket("127.0.0.1", fx.port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /openai/v1/realtime?model=gpt-4o-realtime-preview HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer sk-x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readHead(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 501"), answer);
        }
        assertTrue(fx.upstream.received.isEmpty(), "the upgrade must not reach the upstream as a plain GET");
        var rec = fx.audit.records.get(fx.audit.records.size() - 1);
        assertNotNull(rec);
        assertTrue(rec.toString().contains("hush_websocket_unsupported"), rec.toString());
    }

    /** The status line, headers and the start of the body (enough for the code). */
    private static String readHead(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            if (b.indexOf("hush_websocket_unsupported") >= 0 || b.length() > 4096) {
                break;
            }
        }
        return b.toString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return fx.http.send(HttpRequest.newBuilder(URI.create(fx.url(path))).timeout(Duration.ofSeconds(20)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
