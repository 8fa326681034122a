package dev.hush.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiFunction;

/** Rewrites every string value of a JSON tree in place (the answer restorers' walk). */
public final class JsonStrings {
    private JsonStrings() {
    }

    /**
     * Replaces each string value by {@code rewrite.apply(key, value)}, the key being the field's name or
     * null for an array element; returns whether any value changed.
     */
    public static boolean rewrite(JsonNode node, BiFunction<String, String, String> rewrite) {
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    String s = v.asText();
                    String r = rewrite.apply(e.getKey(), s);
                    if (!r.equals(s)) {
                        e.setValue(TextNode.valueOf(r));
                        changed = true;
                    }
                } else if (v.isContainerNode()) {
                    changed |= rewrite(v, rewrite);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isTextual()) {
                    String s = v.asText();
                    String r = rewrite.apply(null, s);
                    if (!r.equals(s)) {
                        a.set(i, TextNode.valueOf(r));
                        changed = true;
                    }
                } else if (v.isContainerNode()) {
                    changed |= rewrite(v, rewrite);
                }
            }
        }
        return changed;
    }
}
