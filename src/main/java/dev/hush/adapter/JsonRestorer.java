package dev.hush.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.PlaceholderRestorer;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * Restores originals in every string of a JSON answer. Provider-neutral: placeholders can only come from
 * the model, wherever in the answer it wrote them. As an {@link AnswerRestorer} it gathers the whole body
 * (bounded by the relay) and restores it at the end; a body that is not JSON after all goes out as it came.
 */
public final class JsonRestorer implements AnswerRestorer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConversationPseudonyms pseudonyms;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();

    public JsonRestorer(ConversationPseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    @Override
    public byte[] feed(byte[] chunk) {
        all.write(chunk, 0, chunk.length);
        return new byte[0];
    }

    @Override
    public byte[] finish() {
        byte[] body = all.toByteArray();
        if (!mayHoldPlaceholder(body)) {
            return body; // most answers: no parse, no re-serialisation
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree != null && restore(tree, pseudonyms)) {
                return JSON.writeValueAsBytes(tree);
            }
        } catch (Exception e) {
            // not JSON after all: send as it came
        }
        return body;
    }

    /**
     * Whether any string in these JSON bytes can decode to a placeholder: only if a {@code <} occurs, raw or
     * escaped as backslash-u003c. A false "yes" only costs the parse.
     */
    static boolean mayHoldPlaceholder(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '<') {
                return true;
            }
            if (b[i] == '\\' && i + 5 < b.length && b[i + 1] == 'u' && b[i + 2] == '0' && b[i + 3] == '0'
                    && b[i + 4] == '3' && (b[i + 5] == 'c' || b[i + 5] == 'C')) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean whole() {
        return true;
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
