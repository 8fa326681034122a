package dev.hush.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.PlaceholderRestorer;
import java.io.ByteArrayOutputStream;

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
        // tool-call arguments are JSON inside a string: originals must be escaped for it
        return JsonStrings.rewrite(node, (key, s) -> PlaceholderRestorer.restoreAll(s, pseudonyms,
                "arguments".equals(key) || "partial_json".equals(key)));
    }
}
