package dev.hush.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.Adapters;
import dev.hush.adapter.SseRestorer;
import dev.hush.redact.ConversationPseudonyms;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stream restorer, two ways. On arbitrary bytes split at an arbitrary point: no exception, and a stream
 * without a {@code <} passes byte for byte. On a well-formed OpenAI stream whose pieces are arbitrary text
 * with placeholders cut anywhere: every event stays valid JSON and the client reads exactly the original
 * text with every known placeholder restored.
 */
@org.junit.jupiter.api.Tag("fuzz")
class SseRestorerFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] VALUES = {"jane@x.io", "bob@y.org"};

    private static ConversationPseudonyms conv() {
        ConversationPseudonyms c = new ConversationPseudonyms();
        for (String v : VALUES) {
            c.placeholder("PII.EMAIL", v);
        }
        return c;
    }

    private static byte[] run(SseRestorer r, byte[] stream, int cut) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(r.feed(java.util.Arrays.copyOfRange(stream, 0, cut)));
        out.writeBytes(r.feed(java.util.Arrays.copyOfRange(stream, cut, stream.length)));
        out.writeBytes(r.finish());
        return out.toByteArray();
    }

    @FuzzTest(maxDuration = "5m")
    void anyBytes(FuzzedDataProvider data) {
        String provider = data.pickValue(new String[] {"openai", "anthropic", "gemini", "azure"});
        byte[] stream = data.consumeRemainingAsBytes();
        int cut = stream.length == 0 ? 0 : Math.floorMod(java.util.Arrays.hashCode(stream), stream.length + 1);
        byte[] out = run(new SseRestorer(Adapters.registered().get(provider)::streamTexts, conv()), stream, cut);
        if (new String(stream, StandardCharsets.ISO_8859_1).indexOf('<') < 0) {
            assertArrayEquals(stream, out, "nothing to restore: the bytes pass as they came");
        }
    }

    @FuzzTest(maxDuration = "5m")
    void wellFormedOpenAiStream(FuzzedDataProvider data) throws Exception {
        int pieces = data.consumeInt(1, 12);
        StringBuilder sent = new StringBuilder();
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            String piece = data.consumeString(40);
            if (data.consumeBoolean()) {
                piece += "<EMAIL_" + data.consumeInt(1, 3) + ">"; // 3 was never issued: it stays as it is
            }
            sent.append(piece);
            ObjectNode chunk = JSON.createObjectNode().put("id", "c").put("object", "chat.completion.chunk");
            chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", piece);
            stream.append("data: ").append(chunk).append("\n\n");
        }
        stream.append("data: [DONE]\n\n");
        byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
        int cut = data.consumeInt(0, bytes.length);
        String out = new String(run(new SseRestorer(Adapters.registered().get("openai")::streamTexts, conv()), bytes, cut), StandardCharsets.UTF_8);
        StringBuilder read = new StringBuilder();
        for (String event : out.split("\n\n")) {
            if (event.isEmpty()) {
                continue;
            }
            assertEquals(true, event.startsWith("data: "), event);
            String payload = event.substring(6);
            if (payload.equals("[DONE]")) {
                continue;
            }
            JsonNode n = JSON.readTree(payload); // throws when an event is no longer valid JSON
            read.append(n.at("/choices/0/delta/content").asText(""));
        }
        String expected = sent.toString().replace("<EMAIL_1>", VALUES[0]).replace("<EMAIL_2>", VALUES[1]);
        assertEquals(expected, read.toString());
    }
}
