package dev.hush.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.PlaceholderRestorer;
import java.util.Iterator;
import java.util.Map;

/**
 * Restores originals in every string of a JSON answer. Provider-neutral: placeholders can only come from
 * the model, wherever in the answer it wrote them.
 */
public final class JsonRestorer {
    private JsonRestorer() {
    }

    /** Restores in place; returns whether anything changed. */
    public static boolean restore(JsonNode node, ConversationPseudonyms pseudonyms) {
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    String s = v.asText();
                    // tool-call arguments are JSON inside a string: originals must be escaped for it
                    boolean inner = e.getKey().equals("arguments") || e.getKey().equals("partial_json");
                    String r = PlaceholderRestorer.restoreAll(s, pseudonyms, inner);
                    if (!r.equals(s)) {
                        e.setValue(TextNode.valueOf(r));
                        changed = true;
                    }
                } else if (v.isContainerNode()) {
                    changed |= restore(v, pseudonyms);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isTextual()) {
                    String r = PlaceholderRestorer.restoreAll(v.asText(), pseudonyms, false);
                    if (!r.equals(v.asText())) {
                        a.set(i, TextNode.valueOf(r));
                        changed = true;
                    }
                } else if (v.isContainerNode()) {
                    changed |= restore(v, pseudonyms);
                }
            }
        }
        return changed;
    }
}
