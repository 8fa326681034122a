package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.adapter.AnswerRestorer;
import dev.hush.adapter.JsonStrings;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.PlaceholderRestorer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Gemini's streamed answer: {@code )]}'} then, per chunk, a line with the chunk's length and a line of JSON
 * ({@code [["wrb.fr",null,"<JSON as a string>"]]}). Each chunk carries the whole answer so far, so restoring
 * whole placeholders per chunk is split-safe. Strings holding JSON are decoded, restored and encoded again
 * (so an original is escaped for its layer), and the length line is recomputed. Lines are passed on as soon
 * as they are complete; a length line waits for its chunk.
 */
final class GeminiAnswerRestorer implements AnswerRestorer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConversationPseudonyms pseudonyms;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private String lengthLine;

    GeminiAnswerRestorer(ConversationPseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    @Override
    public byte[] feed(byte[] chunk) {
        partial.write(chunk, 0, chunk.length);
        byte[] all = partial.toByteArray();
        StringBuilder out = new StringBuilder();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                line(new String(all, start, i - start, StandardCharsets.UTF_8), out);
                start = i + 1;
            }
        }
        partial.reset();
        partial.write(all, start, all.length - start);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] finish() {
        StringBuilder out = new StringBuilder();
        if (lengthLine != null) {
            out.append(lengthLine).append('\n');
            lengthLine = null;
        }
        byte[] rest = partial.toByteArray();
        partial.reset();
        if (rest.length > 0) {
            out.append(restoreChunk(new String(rest, StandardCharsets.UTF_8)));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void line(String line, StringBuilder out) {
        String t = line.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && t.length() < 10) {
            if (lengthLine != null) {
                out.append(lengthLine).append('\n');
            }
            lengthLine = line;
            return;
        }
        String restored = restoreChunk(line);
        if (lengthLine != null) {
            long declared = Long.parseLong(lengthLine.trim());
            // the declared length counts the chunk and its line end; keep whatever the app's convention is
            long delta = declared - line.length();
            long bytesDelta = declared - line.getBytes(StandardCharsets.UTF_8).length;
            long next = delta >= 0 && delta <= 2 ? restored.length() + delta
                    : restored.getBytes(StandardCharsets.UTF_8).length + bytesDelta;
            out.append(restored.equals(line) ? lengthLine : Long.toString(next)).append('\n');
            lengthLine = null;
        }
        out.append(restored).append('\n');
    }

    private String restoreChunk(String line) {
        if (line.indexOf('<') < 0 && line.indexOf("\\u003c") < 0) {
            return line;
        }
        try {
            JsonNode tree = JSON.readTree(line);
            if (tree != null && tree.isContainerNode() && restore(tree, 0)) {
                return JSON.writeValueAsString(tree);
            }
        } catch (Exception e) {
            // not a JSON chunk (the )]}' guard, a length): as it came
        }
        return line;
    }

    private boolean restore(JsonNode node, int depth) {
        return JsonStrings.rewrite(node, (key, s) -> text(s, depth));
    }

    private String text(String s, int depth) {
        if (s.indexOf('<') < 0) {
            return s;
        }
        String t = s.stripLeading();
        if (depth < 4 && (t.startsWith("[") || t.startsWith("{"))) {
            try {
                JsonNode inner = JSON.readTree(s);
                if (inner != null && inner.isContainerNode()) {
                    return restore(inner, depth + 1) ? JSON.writeValueAsString(inner) : s;
                }
            } catch (Exception e) {
                // text that starts like JSON
            }
        }
        return PlaceholderRestorer.restoreAll(s, pseudonyms, false);
    }
}
