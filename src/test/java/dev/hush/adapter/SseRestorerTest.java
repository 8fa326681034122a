package dev.hush.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.api.AnthropicAdapter;
import dev.hush.adapter.api.GeminiAdapter;
import dev.hush.adapter.api.OpenAiAdapter;
import dev.hush.redact.ConversationPseudonyms;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every provider's stream: the answer "Mail <EMAIL_1> now, ünïcode" split into two events at every character
 * position, and the resulting byte stream split into two network chunks at every byte position. The client
 * must always read the original text and whole events.
 */
class SseRestorerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ANSWER = "Mail <EMAIL_1> now, ünïcode <EMAIL_2>";
    static final String RESTORED = "Mail jane@x.io now, ünïcode bob@y.org";

    static ConversationPseudonyms conv() {
        ConversationPseudonyms c = new ConversationPseudonyms();
        c.placeholder("PII.EMAIL", "jane@x.io");
        c.placeholder("PII.EMAIL", "bob@y.org");
        return c;
    }

    interface Format {
        String event(String piece);

        String end();

        String text(JsonNode event);
    }

    static final Format OPENAI_CHAT = new Format() {
        public String event(String p) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.putArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta").put("content", p);
            return "data: " + n + "\n\n";
        }

        public String end() {
            return "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        }

        public String text(JsonNode e) {
            JsonNode c = e.at("/choices/0/delta/content");
            return c.isTextual() ? c.asText() : "";
        }
    };

    static final Format OPENAI_RESPONSES = new Format() {
        public String event(String p) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("type", "response.output_text.delta").put("item_id", "msg_1").put("output_index", 0)
                    .put("content_index", 0).put("delta", p);
            return "event: response.output_text.delta\ndata: " + n + "\n\n";
        }

        public String end() {
            return "event: response.output_text.done\ndata: {\"type\":\"response.output_text.done\",\"text\":\""
                    + ANSWER + "\"}\n\n";
        }

        public String text(JsonNode e) {
            return e.path("type").asText().equals("response.output_text.delta") ? e.path("delta").asText() : "";
        }
    };

    static final Format ANTHROPIC = new Format() {
        public String event(String p) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("type", "content_block_delta").put("index", 0).putObject("delta").put("type", "text_delta").put("text", p);
            return "event: content_block_delta\r\ndata: " + n + "\r\n\r\n";
        }

        public String end() {
            return "event: content_block_stop\r\ndata: {\"type\":\"content_block_stop\",\"index\":0}\r\n\r\n";
        }

        public String text(JsonNode e) {
            return e.path("type").asText().equals("content_block_delta") ? e.at("/delta/text").asText() : "";
        }
    };

    static final Format GEMINI = new Format() {
        public String event(String p) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.putArray("candidates").addObject().put("index", 0).putObject("content").put("role", "model")
                    .putArray("parts").addObject().put("text", p);
            return "data: " + n + "\r\n\r\n";
        }

        public String end() {
            return "";
        }

        public String text(JsonNode e) {
            JsonNode t = e.at("/candidates/0/content/parts/0/text");
            return t.isTextual() ? t.asText() : "";
        }
    };

    private static void check(Adapter adapter, Format f) throws Exception {
        for (int cut = 0; cut <= ANSWER.length(); cut++) {
            String stream = f.event(ANSWER.substring(0, cut)) + f.event(ANSWER.substring(cut)) + f.end();
            byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
            // byte cuts: every position for one event split, a stride for the rest to keep the run short
            int step = cut == 9 ? 1 : 7;
            for (int b = 0; b <= bytes.length; b += step) {
                SseRestorer r = new SseRestorer(adapter::streamTexts, conv());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(r.feed(java.util.Arrays.copyOfRange(bytes, 0, b)));
                out.writeBytes(r.feed(java.util.Arrays.copyOfRange(bytes, b, bytes.length)));
                out.writeBytes(r.finish());
                String got = out.toString(StandardCharsets.UTF_8);
                StringBuilder text = new StringBuilder();
                for (String ev : got.split("\r?\n\r?\n")) {
                    for (String line : ev.split("\r?\n")) {
                        if (line.startsWith("data: {")) {
                            text.append(f.text(JSON.readTree(line.substring(6))));
                        }
                    }
                }
                assertEquals(RESTORED, text.toString(), adapter.name() + " event cut " + cut + " byte cut " + b);
                assertFalse(got.contains("EMAIL_"), got);
            }
        }
    }

    @Test
    void openAiChat() throws Exception {
        check(new OpenAiAdapter(), OPENAI_CHAT);
    }

    static final Format OPENAI_LEGACY = new Format() {
        public String event(String p) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("object", "text_completion").putArray("choices").addObject().put("index", 0).put("text", p)
                    .putNull("finish_reason");
            return "data: " + n + "\n\n";
        }

        public String end() {
            return "data: [DONE]\n\n";
        }

        public String text(JsonNode e) {
            return e.at("/choices/0/text").asText();
        }
    };

    @Test
    void openAiLegacyCompletions() throws Exception {
        check(new OpenAiAdapter(), OPENAI_LEGACY);
    }

    @Test
    void openAiResponses() throws Exception {
        check(new OpenAiAdapter(), OPENAI_RESPONSES);
    }

    @Test
    void anthropic() throws Exception {
        check(new AnthropicAdapter(), ANTHROPIC);
    }

    @Test
    void gemini() throws Exception {
        check(new GeminiAdapter(), GEMINI);
    }

    @Test
    void eventsGoOutAsSoonAsTheyAreCompleteAndPassUntouchedWhenNothingToRestore() {
        SseRestorer r = new SseRestorer(new OpenAiAdapter()::streamTexts, conv());
        String e1 = OPENAI_CHAT.event("hello ");
        assertEquals(e1, new String(r.feed(e1.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        byte[] half = r.feed(OPENAI_CHAT.event("see <EMA").getBytes(StandardCharsets.UTF_8));
        assertTrue(new String(half, StandardCharsets.UTF_8).contains("\"content\":\"see \""));
        byte[] rest = r.feed(OPENAI_CHAT.event("IL_2>").getBytes(StandardCharsets.UTF_8));
        assertTrue(new String(rest, StandardCharsets.UTF_8).contains("\"content\":\"bob@y.org\""));
    }

    @Test
    void toolCallArgumentsStreamIsRestoredWithJsonEscaping() throws Exception {
        ConversationPseudonyms c = new ConversationPseudonyms();
        c.placeholder("PII.PERSON", "O\"Neil");
        SseRestorer r = new SseRestorer(new AnthropicAdapter()::streamTexts, c);
        List<String> pieces = new ArrayList<>(List.of("{\"to\":\"<PER", "SON_1>\"}"));
        StringBuilder json = new StringBuilder();
        Function<String, String> ev = p -> "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                + "\"input_json_delta\",\"partial_json\":" + JSON.valueToTree(p) + "}}\n\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : pieces) {
            out.writeBytes(r.feed(ev.apply(p).getBytes(StandardCharsets.UTF_8)));
        }
        out.writeBytes(r.feed("data: {\"type\":\"content_block_stop\",\"index\":1}\n\n".getBytes(StandardCharsets.UTF_8)));
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("partial_json")) {
                json.append(JSON.readTree(line.substring(6)).at("/delta/partial_json").asText());
            }
        }
        assertEquals("O\"Neil", JSON.readTree(json.toString()).get("to").asText());
    }
}
