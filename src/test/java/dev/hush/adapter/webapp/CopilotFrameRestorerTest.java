package dev.hush.adapter.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.redact.ConversationPseudonyms;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopilotFrameRestorerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textHeldBackAtTheEndOfAMessageGoesOutBeforeTheNextFrame() throws Exception {
        ConversationPseudonyms p = new ConversationPseudonyms();
        String email = FakeValues.email();
        String ph = p.placeholder("PII.EMAIL", email);
        CopilotFrameRestorer r = new CopilotFrameRestorer(p);
        List<String> out = new ArrayList<>();
        String[] pieces = {"Mail ", ph.substring(0, 3), ph.substring(3), " or <EMA"};
        for (String piece : pieces) {
            out.addAll(r.frames("{\"event\":\"appendText\",\"messageId\":\"m1\",\"text\":" + JSON.writeValueAsString(piece) + "}"));
        }
        out.addAll(r.frames("{\"event\":\"done\",\"messageId\":\"m1\"}"));
        StringBuilder shown = new StringBuilder();
        for (String f : out) {
            var n = JSON.readTree(f);
            if ("appendText".equals(n.path("event").asText())) {
                shown.append(n.get("text").asText());
            }
        }
        assertEquals("Mail " + email + " or <EMA", shown.toString(), "restored across frames, nothing lost");
        assertEquals("done", JSON.readTree(out.get(out.size() - 1)).get("event").asText());
        assertEquals("appendText", JSON.readTree(out.get(out.size() - 2)).get("event").asText(), "flushed just before done");
    }
}
