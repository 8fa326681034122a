package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.audit.AuditRecord;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each provider API's texts are found, rewritten in place, and restored in its own answer format. */
class GatewayProvidersTest {
    static final String EMAIL = "jane.doe@example.com";
    GatewayFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> req.response().putHeader("content-type", "application/json")
                .end("{\"echo\":" + Echo.JSON.valueToTree(rec.body()) + "}");
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private String sent() {
        return fx.upstream.last().body();
    }

    @Test
    void openAiChatContentPartsNamesToolCallsAndToolResults() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"messages\":["
                + "{\"role\":\"user\",\"name\":\"" + EMAIL + "\",\"content\":[{\"type\":\"text\",\"text\":\"see " + EMAIL + "\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"send\","
                + "\"arguments\":\"{\\\"to\\\":\\\"" + EMAIL + "\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"sent to " + EMAIL + "\"}]}";
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", body);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode up = Echo.JSON.readTree(sent());
        assertFalse(sent().contains(EMAIL), sent());
        assertEquals("<EMAIL_1>", up.at("/messages/0/name").asText());
        assertEquals("see <EMAIL_1>", up.at("/messages/0/content/0/text").asText());
        assertEquals("{\"to\":\"<EMAIL_1>\"}", up.at("/messages/1/tool_calls/0/function/arguments").asText());
        assertEquals("sent to <EMAIL_1>", up.at("/messages/2/content").asText());
        assertEquals("call_1", up.at("/messages/2/tool_call_id").asText());
        AuditRecord a = fx.audit.last();
        assertEquals(List.of("messages[0].content[1].image_url: image"), a.notScanned());
        assertEquals(4, a.findings().size());
        // the echoed answer carries the placeholders back: the client sees the originals
        assertTrue(r.body().contains(EMAIL), r.body());
    }

    @Test
    void responsesApiInputFormsAndInstructions() throws Exception {
        fx.post("/openai/v1/responses", "{\"model\":\"gpt-4.1\",\"instructions\":\"cc " + EMAIL + "\",\"input\":\"hi " + EMAIL + "\"}");
        JsonNode up = Echo.JSON.readTree(sent());
        assertEquals("cc <EMAIL_1>", up.get("instructions").asText());
        assertEquals("hi <EMAIL_1>", up.get("input").asText());
        fx.post("/openai/v1/responses", "{\"model\":\"gpt-4.1\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"x "
                + EMAIL + "\"}]},{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"y " + EMAIL + "\"}]}");
        up = Echo.JSON.readTree(sent());
        assertEquals("x <EMAIL_1>", up.at("/input/0/content/0/text").asText());
        assertEquals("y <EMAIL_1>", up.at("/input/1/output").asText());

        fx.upstream.responder = (req, rec) -> Echo.sse(req, List.of(
                "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"to <EMA\"}\n\n",
                "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"IL_1> ok\"}\n\n",
                "event: response.output_text.done\ndata: {\"type\":\"response.output_text.done\",\"text\":\"to <EMAIL_1> ok\"}\n\n"));
        HttpResponse<String> s = fx.post("/openai/v1/responses", "{\"model\":\"gpt-4.1\",\"stream\":true,\"input\":\"hi " + EMAIL + "\"}");
        assertTrue(s.body().contains("\"delta\":\"to \""), s.body());
        assertTrue(s.body().contains("\"delta\":\"" + EMAIL + " ok\""), s.body());
        assertTrue(s.body().contains("\"text\":\"to " + EMAIL + " ok\""), s.body());
    }

    @Test
    void legacyCompletionsAndEmbeddings() throws Exception {
        fx.post("/openai/v1/completions", "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"to " + EMAIL + "\"}");
        assertEquals("to <EMAIL_1>", Echo.JSON.readTree(sent()).get("prompt").asText());
        fx.post("/openai/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":[\"a " + EMAIL + "\",\"b\"]}");
        assertEquals("a <EMAIL_1>", Echo.JSON.readTree(sent()).at("/input/0").asText());
        assertEquals("text-embedding-3-small", Echo.JSON.readTree(sent()).get("model").asText());
    }

    @Test
    void geminiPartsSystemInstructionFunctionsAndStream() throws Exception {
        String body = "{\"systemInstruction\":{\"parts\":[{\"text\":\"user is " + EMAIL + "\"}]},\"contents\":[{\"role\":\"user\",\"parts\":["
                + "{\"text\":\"mail " + EMAIL + "\"},{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]},"
                + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"lookup\",\"args\":{\"who\":\"" + EMAIL + "\"}}}]},"
                + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"lookup\",\"response\":{\"owner\":\"" + EMAIL + "\"}}}]}]}";
        HttpResponse<String> r = fx.post("/gemini/v1beta/models/gemini-2.0-flash:generateContent", body, "x-goog-api-key", "AIza-test");
        assertEquals(200, r.statusCode());
        assertEquals("/v1beta/models/gemini-2.0-flash:generateContent", fx.upstream.last().uri());
        assertEquals("AIza-test", fx.upstream.last().headers().get("x-goog-api-key"));
        JsonNode up = Echo.JSON.readTree(sent());
        assertFalse(sent().contains(EMAIL));
        assertEquals("user is <EMAIL_1>", up.at("/systemInstruction/parts/0/text").asText());
        assertEquals("mail <EMAIL_1>", up.at("/contents/0/parts/0/text").asText());
        assertEquals("<EMAIL_1>", up.at("/contents/1/parts/0/functionCall/args/who").asText());
        assertEquals("<EMAIL_1>", up.at("/contents/2/parts/0/functionResponse/response/owner").asText());
        AuditRecord a = fx.audit.last();
        assertEquals("gemini-2.0-flash", a.model());
        assertEquals(List.of("contents[0].parts[1].inlineData: binary (image/png)"), a.notScanned());

        fx.upstream.responder = (req, rec) -> {
            List<String> ev = new ArrayList<>();
            String answer = "ok <EMAIL_1>.";
            for (int i = 0; i < answer.length(); i += 3) {
                ev.add("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
                        + Echo.JSON.valueToTree(answer.substring(i, Math.min(answer.length(), i + 3))) + "}],\"role\":\"model\"},\"index\":0}]}\r\n\r\n");
            }
            Echo.sse(req, ev);
        };
        HttpResponse<String> s = fx.post("/gemini/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", body);
        assertEquals("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", fx.upstream.last().uri());
        StringBuilder text = new StringBuilder();
        for (String line : s.body().split("\r?\n")) {
            if (line.startsWith("data: ")) {
                text.append(Echo.JSON.readTree(line.substring(6)).at("/candidates/0/content/parts/0/text").asText());
            }
        }
        assertEquals("ok " + EMAIL + ".", text.toString());
    }

    @Test
    void azureDeploymentRouteKeepsPathQueryAndApiKey() throws Exception {
        HttpResponse<String> r = fx.post("/azure/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21",
                GatewayChatTest.chat("to " + EMAIL), "api-key", "azure-key-1");
        assertEquals(200, r.statusCode());
        assertEquals("/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21", fx.upstream.last().uri());
        assertEquals("azure-key-1", fx.upstream.last().headers().get("api-key"));
        assertTrue(sent().contains("to <EMAIL_1>"));
        assertEquals("azure", fx.audit.last().provider());
        assertEquals("prod-gpt4o", fx.audit.last().model());
    }

    @Test
    void otherPathsPassThroughUnchanged() throws Exception {
        fx.upstream.responder = (req, rec) -> req.response().putHeader("content-type", "application/json")
                .end("{\"data\":[{\"id\":\"gpt-4o\"}]}");
        HttpResponse<String> r = fx.http.send(HttpRequest.newBuilder(URI.create(fx.url("/openai/v1/models?limit=5")))
                .header("Authorization", "Bearer sk-1").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("{\"data\":[{\"id\":\"gpt-4o\"}]}", r.body());
        assertEquals("GET", fx.upstream.last().method());
        assertEquals("/v1/models?limit=5", fx.upstream.last().uri());
        HttpResponse<String> nf = fx.http.send(HttpRequest.newBuilder(URI.create(fx.url("/nowhere"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, nf.statusCode());
        // an unknown JSON body to a provider: every string is scanned
        fx.upstream.responder = (req, rec) -> req.response().end("{}");
        fx.post("/anthropic/v1/some/new/endpoint", "{\"deep\":{\"list\":[\"x " + EMAIL + "\"]}}");
        assertEquals("{\"deep\":{\"list\":[\"x <EMAIL_1>\"]}}", sent());
    }
}
