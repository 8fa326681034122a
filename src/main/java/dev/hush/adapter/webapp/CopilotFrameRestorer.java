package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.FrameRestorer;
import dev.hush.adapter.JsonRestorer;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.PlaceholderRestorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copilot's server frames: the text of {@code appendText} frames goes through one {@link PlaceholderRestorer}
 * per message, so a placeholder split across frames is restored; text held back goes out with the message's
 * next {@code appendText}, or in an {@code appendText} of its own just before any other frame. Other frames
 * have every string restored whole. One per connection.
 */
final class CopilotFrameRestorer implements FrameRestorer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConversationPseudonyms pseudonyms;
    /** Per message id: its restorer and the last appendText frame (template for a flush frame). */
    private final Map<String, PlaceholderRestorer> restorers = new LinkedHashMap<>();
    private final Map<String, ObjectNode> templates = new LinkedHashMap<>();

    CopilotFrameRestorer(ConversationPseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    @Override
    public String restore(String frame) {
        return String.join("", frames(frame));
    }

    @Override
    public List<String> frames(String frame) {
        JsonNode tree;
        try {
            tree = JSON.readTree(frame);
        } catch (Exception e) {
            tree = null;
        }
        List<String> out = new ArrayList<>(2);
        if (!(tree instanceof ObjectNode o)) {
            flush(out);
            out.add(PlaceholderRestorer.restoreAll(frame, pseudonyms, false));
            return out;
        }
        if ("appendText".equals(o.path("event").asText()) && o.path("text").isTextual()) {
            String id = o.path("messageId").asText("");
            PlaceholderRestorer r = restorers.computeIfAbsent(id, k -> new PlaceholderRestorer(pseudonyms, false));
            String text = o.get("text").asText();
            String restored = r.feed(text);
            templates.put(id, o.deepCopy());
            if (restored.equals(text)) {
                out.add(frame);
            } else {
                o.put("text", restored);
                out.add(o.toString());
            }
            return out;
        }
        flush(out);
        out.add(JsonRestorer.restore(o, pseudonyms) ? o.toString() : frame);
        return out;
    }

    private void flush(List<String> out) {
        for (Map.Entry<String, PlaceholderRestorer> e : restorers.entrySet()) {
            if (e.getValue().hasPending()) {
                ObjectNode t = templates.get(e.getKey()).deepCopy();
                t.put("text", e.getValue().flush());
                out.add(t.toString());
            }
        }
    }
}
