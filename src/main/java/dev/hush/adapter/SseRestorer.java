package dev.hush.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.PlaceholderRestorer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Restores originals in a server-sent-event answer as it streams. Bytes are gathered up to each event
 * boundary (so an event split across network chunks at any byte is whole again), the event's answer-text
 * pieces go through one {@link PlaceholderRestorer} per text stream (so a placeholder split across events is
 * restored), and each event is passed on as soon as it is complete. Text held back at the end of one event
 * goes out with the next piece of the same stream, or in a copy of the last event just before any other
 * event (a stop, a done marker) or the end of the stream. Not thread-safe: one per response.
 */
public final class SseRestorer implements AnswerRestorer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamTexts adapter;
    private final ConversationPseudonyms pseudonyms;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final Map<String, Stream> streams = new LinkedHashMap<>();

    /** A text stream: its restorer and the last event that carried it (the template for a flush event). */
    private static final class Stream {
        final PlaceholderRestorer restorer;
        String eventName;
        ObjectNode template;
        StreamText where;

        Stream(PlaceholderRestorer r) {
            this.restorer = r;
        }
    }

    /** Where answer text sits in one event's JSON data: usually {@link Adapter#streamTexts}. */
    @FunctionalInterface
    public interface StreamTexts {
        List<StreamText> of(JsonNode event);
    }

    public SseRestorer(StreamTexts adapter, ConversationPseudonyms pseudonyms) {
        this.adapter = adapter;
        this.pseudonyms = pseudonyms;
    }

    /** Takes the next chunk of upstream bytes; returns the bytes that can go to the client now. */
    @Override
    public byte[] feed(byte[] chunk) {
        partial.write(chunk, 0, chunk.length);
        byte[] all = partial.toByteArray();
        int start = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(all.length + 64);
        int end;
        while ((end = eventEnd(all, start)) > 0) {
            String event = new String(all, start, end - start, StandardCharsets.UTF_8);
            out.writeBytes(rewrite(event).getBytes(StandardCharsets.UTF_8));
            start = end;
        }
        partial.reset();
        partial.write(all, start, all.length - start);
        return out.toByteArray();
    }

    /** The upstream ended: whatever is held back, then any incomplete trailing bytes as they came. */
    @Override
    public byte[] finish() {
        StringBuilder b = new StringBuilder();
        flushAll(b);
        byte[] rest = partial.toByteArray();
        partial.reset();
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + rest.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(rest, 0, out, head.length, rest.length);
        return out;
    }

    /** Index just past the blank line that ends the event starting at {@code from}, or -1. */
    static int eventEnd(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                if (i + 1 < b.length && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < b.length && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    private String rewrite(String event) {
        boolean anyPending = false;
        for (Stream s : streams.values()) {
            anyPending |= s.restorer.hasPending();
        }
        if (!anyPending && event.indexOf('<') < 0) {
            return event; // nothing to restore: pass the bytes as they came
        }
        String eventName = null;
        StringBuilder data = new StringBuilder();
        for (String line : event.split("\r?\n")) {
            if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
            } else if (line.startsWith("event:")) {
                eventName = line.substring(6).trim();
            }
        }
        JsonNode json = null;
        if (data.length() > 0 && data.charAt(0) == '{') {
            try {
                json = JSON.readTree(data.toString());
            } catch (Exception e) {
                json = null;
            }
        }
        StringBuilder out = new StringBuilder(event.length() + 32);
        if (!(json instanceof ObjectNode obj)) {
            flushAll(out); // a [DONE] marker or a comment: the answer text is over
            out.append(event);
            return out.toString();
        }
        var texts = adapter.of(obj);
        if (texts.isEmpty()) {
            flushAll(out);
        }
        for (StreamText t : texts) {
            Stream s = streams.computeIfAbsent(t.key(),
                    k -> new Stream(new PlaceholderRestorer(pseudonyms, t.jsonEscaped())));
            ObjectNode holder = holder(obj, t);
            String piece = holder.path(t.field()).asText();
            String restored = s.restorer.feed(piece);
            if (t.last()) {
                restored += s.restorer.flush();
            }
            holder.put(t.field(), restored);
            s.eventName = eventName;
            s.template = obj.deepCopy();
            s.where = t;
        }
        JsonRestorer.restore(obj, pseudonyms);
        out.append(format(event, eventName, obj));
        return out.toString();
    }

    private static ObjectNode holder(ObjectNode root, StreamText t) {
        JsonNode n = t.pointer().isEmpty() ? root : root.at(t.pointer());
        return (ObjectNode) n;
    }

    /** For every stream with held-back text, an event like its last one that carries just that text. */
    private void flushAll(StringBuilder out) {
        for (Stream s : streams.values()) {
            if (!s.restorer.hasPending() || s.template == null) {
                continue;
            }
            ObjectNode copy = s.template.deepCopy();
            holder(copy, s.where).put(s.where.field(), s.restorer.flush());
            out.append(format(null, s.eventName, copy));
        }
    }

    private static String format(String original, String eventName, JsonNode data) {
        StringBuilder b = new StringBuilder();
        boolean dataWritten = false;
        if (original != null) {
            for (String line : original.split("\r?\n")) {
                if (line.startsWith("data:")) {
                    if (!dataWritten) {
                        b.append("data: ").append(data.toString()).append('\n');
                        dataWritten = true;
                    }
                } else if (!line.isEmpty()) {
                    b.append(line).append('\n');
                }
            }
        } else if (eventName != null) {
            b.append("event: ").append(eventName).append('\n');
        }
        if (!dataWritten) {
            b.append("data: ").append(data.toString()).append('\n');
        }
        return b.append('\n').toString();
    }
}
