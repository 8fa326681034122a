package dev.hush.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One text the model will see, where it sits in the request body ({@code messages[2].content[0].text}),
 * and the handle to write a rewritten text back in place.
 */
public final class TextSlot {
    private final String location;
    private final String text;
    private final JsonNode container;
    private final String field;
    private final int index;

    TextSlot(String location, String text, JsonNode container, String field, int index) {
        this.location = location;
        this.text = text;
        this.container = container;
        this.field = field;
        this.index = index;
    }

    public String location() {
        return location;
    }

    public String text() {
        return text;
    }

    /** Replaces the text in the body it came from. */
    public void replace(String newText) {
        if (container instanceof ObjectNode o) {
            o.put(field, newText);
        } else if (container instanceof ArrayNode a) {
            a.set(index, TextNode.valueOf(newText));
        }
    }

    /** The message part of the location ({@code messages[2]}), for telling the user which message. */
    public String message() {
        int dot = location.indexOf('.');
        int br = location.indexOf(']');
        return br > 0 && (dot < 0 || br < dot) ? location.substring(0, br + 1) : (dot > 0 ? location.substring(0, dot) : location);
    }
}
