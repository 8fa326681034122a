package dev.hush.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.PlaceholderRestorer;

/** The default frame restorer: every string of a JSON frame, or the whole frame when it is not JSON. */
final class JsonFrameRestorer implements FrameRestorer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConversationPseudonyms pseudonyms;

    JsonFrameRestorer(ConversationPseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    @Override
    public String restore(String frame) {
        if (frame.indexOf('<') < 0) {
            return frame;
        }
        try {
            JsonNode tree = JSON.readTree(frame);
            if (tree != null && tree.isContainerNode()) {
                return JsonRestorer.restore(tree, pseudonyms) ? JSON.writeValueAsString(tree) : frame;
            }
        } catch (Exception e) {
            // not JSON: restore it as text
        }
        return PlaceholderRestorer.restoreAll(frame, pseudonyms, false);
    }
}
