package dev.hush.adapter.webapp;

import dev.hush.adapter.AnswerRestorer;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.PlaceholderRestorer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers streamed as lines of JSON (one document per line, or {@code N:"text"} records): each complete
 * line has its placeholders restored, originals escaped for a JSON string, and goes out at once. Apps that
 * stream this way send the answer so far in each line, so whole-line restoring is split-safe for them.
 */
final class JsonLinesRestorer implements AnswerRestorer {
    private final ConversationPseudonyms pseudonyms;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    JsonLinesRestorer(ConversationPseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    @Override
    public byte[] feed(byte[] chunk) {
        partial.write(chunk, 0, chunk.length);
        byte[] all = partial.toByteArray();
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        partial.reset();
        partial.write(all, end, all.length - end);
        return restore(new String(all, 0, end, StandardCharsets.UTF_8));
    }

    @Override
    public byte[] finish() {
        byte[] rest = partial.toByteArray();
        partial.reset();
        return restore(new String(rest, StandardCharsets.UTF_8));
    }

    private byte[] restore(String lines) {
        return PlaceholderRestorer.restoreAll(lines, pseudonyms, true).getBytes(StandardCharsets.UTF_8);
    }
}
