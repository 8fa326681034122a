package dev.hush.adapter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON body parsed into a tree that remembers where each string and container came from in the original
 * bytes. After slots were written into the tree, {@link #encode} splices the serialised form of only the
 * values that changed into the original bytes: everything else (other messages, numbers, whitespace, key
 * order, the client's escaping) goes upstream byte for byte, and a 1 MB body with one replaced name is not
 * serialised again. Structural changes (a key added or removed) re-serialise only the object they happen in.
 * <p>
 * Reading is as strict as {@link StrictJson#read}: UTF-8 only, duplicate keys and data after the value refused.
 */
public final class JsonSource {
    private static final ObjectMapper OUT = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The body's bytes: {@code original[0, length)} (the array may be longer: a buffer's own, not copied). */
    private final byte[] original;
    private final int length;
    private final JsonNode tree;
    /** Strings and containers as parsed, by identity: their byte span and (containers) their children. */
    private final Map<JsonNode, Origin> origins;

    /** Where a node came from: bytes [start, end), and a container's keys and children in document order. */
    private record Origin(int start, int end, String[] keys, JsonNode[] children) {
    }

    private JsonSource(byte[] original, int length, JsonNode tree, Map<JsonNode, Origin> origins) {
        this.original = original;
        this.length = length;
        this.tree = tree;
        this.origins = origins;
    }

    /** Parses one JSON value; failures carry a message safe to show (it quotes no content). */
    public static JsonSource read(byte[] body) throws MalformedBody {
        return read(body, body.length);
    }

    /**
     * Parses the JSON value in {@code body[0, length)}. The array is kept, not copied, so the caller must not
     * change those bytes afterwards (the gateway passes its request buffer's own array: the body as read, which
     * nobody writes to).
     */
    public static JsonSource read(byte[] body, int length) throws MalformedBody {
        if (length < 0 || length > body.length) {
            throw new IllegalArgumentException("length " + length + " outside the array");
        }
        if (!StrictJson.utf8(body, length)) {
            throw new MalformedBody("Request body must be UTF-8 JSON");
        }
        Map<JsonNode, Origin> origins = new IdentityHashMap<>();
        try (JsonParser p = StrictJson.FACTORY.createParser(body, 0, length)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new MalformedBody("Request body is not valid JSON");
            }
            JsonNode root = value(p, t, origins);
            if (p.nextToken() != null) {
                throw new MalformedBody("Request body is not valid JSON: data follows the JSON value");
            }
            return new JsonSource(body, length, root, origins);
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                throw new MalformedBody("Request body is not valid JSON: a key appears twice in one object");
            }
            throw new MalformedBody("Request body is not valid JSON");
        } catch (IOException | RuntimeException e) {
            throw new MalformedBody("Request body is not valid JSON");
        }
    }

    public JsonNode tree() {
        return tree;
    }

    private static JsonNode value(JsonParser p, JsonToken t, Map<JsonNode, Origin> origins) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                List<String> keys = new ArrayList<>();
                List<JsonNode> children = new ArrayList<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonNode v = value(p, p.nextToken(), origins);
                    o.set(name, v);
                    keys.add(name);
                    children.add(v);
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new IOException("unexpected token");
                }
                origins.put(o, new Origin(start, end(p), keys.toArray(String[]::new), children.toArray(JsonNode[]::new)));
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new IOException("unexpected end");
                    }
                    a.add(value(p, e, origins));
                }
                JsonNode[] children = new JsonNode[a.size()];
                for (int i = 0; i < children.length; i++) {
                    children[i] = a.get(i);
                }
                origins.put(a, new Origin(start, end(p), null, children));
                return a;
            }
            case VALUE_STRING -> {
                // its own instance (the factory shares one for ""): nodes are told apart by identity
                JsonNode s = new TextNode(p.getText()); // reads the string to its closing quote
                origins.put(s, new Origin(start, end(p), null, null));
                return s;
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IOException("unexpected token");
        }
    }

    /** The offset just past the token the parser is on (its closing quote, brace or bracket). */
    private static int end(JsonParser p) {
        return (int) p.currentLocation().getByteOffset();
    }

    /**
     * A string node for text rewritten from {@code was} by {@code edits}: when {@code was} is a string of this
     * body as parsed, {@link #encode} keeps its original bytes (the client's escaping) between the edits and
     * quotes only the replacements.
     */
    public static TextNode edited(String text, JsonNode was, TextEdits edits) {
        return new Edited(text, was, edits);
    }

    private static final class Edited extends TextNode {
        final JsonNode from;
        final TextEdits edits;

        Edited(String text, JsonNode from, TextEdits edits) {
            super(text);
            this.from = from;
            this.edits = edits;
        }
    }

    /** The body with the tree's changes spliced into the original bytes. */
    public byte[] encode() {
        List<Splice> splices = new ArrayList<>();
        walk(tree, splices);
        if (splices.isEmpty()) {
            return java.util.Arrays.copyOf(original, length);
        }
        int grow = 0;
        for (Splice s : splices) {
            grow += s.size() - (s.end() - s.start());
        }
        byte[] out = new byte[length + grow];
        int at = 0;
        int to = 0;
        for (Splice s : splices) {
            System.arraycopy(original, at, out, to, s.start() - at);
            to += s.start() - at;
            to = s.writeTo(out, to);
            at = s.end();
        }
        System.arraycopy(original, at, out, to, length - at);
        return out;
    }

    /** What replaces the original bytes [start, end): written straight into the output, at its final place. */
    private sealed interface Splice {
        int start();

        int end();

        /** Bytes it writes. */
        int size();

        /** Writes them into {@code out} at {@code to}; returns the offset after them. */
        int writeTo(byte[] out, int to);
    }

    /** A value serialised anew. */
    private record Whole(int start, int end, byte[] bytes) implements Splice {
        @Override
        public int size() {
            return bytes.length;
        }

        @Override
        public int writeTo(byte[] out, int to) {
            System.arraycopy(bytes, 0, out, to, bytes.length);
            return to + bytes.length;
        }
    }

    /**
     * An edited string: its original bytes between the edits (byte offsets {@code at}: each edit's start and
     * end) and each replacement quoted; no array of its own (the string can be most of the body).
     */
    private final class Edits implements Splice {
        private final Origin w;
        private final int[] at;
        private final byte[][] quoted;
        private final int size;

        Edits(Origin w, int[] at, byte[][] quoted, int size) {
            this.w = w;
            this.at = at;
            this.quoted = quoted;
            this.size = size;
        }

        @Override
        public int start() {
            return w.start;
        }

        @Override
        public int end() {
            return w.end;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int writeTo(byte[] out, int to) {
            int from = w.start;
            for (int i = 0; i < quoted.length; i++) {
                System.arraycopy(original, from, out, to, at[2 * i] - from);
                to += at[2 * i] - from;
                System.arraycopy(quoted[i], 0, out, to, quoted[i].length);
                to += quoted[i].length;
                from = at[2 * i + 1];
            }
            System.arraycopy(original, from, out, to, w.end - from);
            return to + w.end - from;
        }
    }

    /** Adds, in document order, the splices that turn {@code node}'s original bytes into its current value. */
    private void walk(JsonNode node, List<Splice> splices) {
        Origin o = origins.get(node);
        if (o == null || o.children == null) {
            return; // a string as parsed, or a scalar: unchanged
        }
        if (!sameShape(node, o)) {
            splices.add(new Whole(o.start, o.end, serialise(node)));
            return;
        }
        for (int i = 0; i < o.children.length; i++) {
            JsonNode was = o.children[i];
            JsonNode now = o.keys != null ? node.get(o.keys[i]) : node.get(i);
            if (now == was) {
                walk(now, splices);
            } else {
                Origin w = origins.get(was);
                Splice edited = now instanceof Edited e && e.from == was ? splice(w, e.edits) : null;
                splices.add(edited != null ? edited : new Whole(w.start, w.end, serialise(now)));
            }
        }
    }

    /**
     * Same keys (or length) as parsed, and every replaced child was a string or container (a replaced
     * number has no recorded span): then the changes can be spliced child by child.
     */
    private boolean sameShape(JsonNode node, Origin o) {
        if (node.size() != o.children.length) {
            return false;
        }
        for (int i = 0; i < o.children.length; i++) {
            JsonNode now = o.keys != null ? node.get(o.keys[i]) : node.get(i);
            if (now == null || (now != o.children[i] && !origins.containsKey(o.children[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The quoted string at {@code w} with {@code edits} applied: its original bytes between the edits, each
     * replacement quoted. Null when an edit's edge falls inside a character written as four UTF-8 bytes (half
     * of a surrogate pair, which UTF-8 cannot carry alone) or a replacement holds a surrogate: then the whole
     * text is quoted again.
     */
    private Splice splice(Origin w, TextEdits edits) {
        int n = edits.size();
        int[] at = new int[2 * n]; // byte offsets of each edit's start and end
        byte[][] quoted = new byte[n][];
        int pos = w.start + 1; // past the opening quote
        int chars = 0; // chars of the decoded string before pos
        int size = w.end - w.start;
        for (int k = 0; k < 2 * n; k++) {
            int target = k % 2 == 0 ? edits.start(k / 2) : edits.end(k / 2);
            while (chars < target && pos < w.end - 1) {
                // a run of plain ASCII is one char per byte: skip it eight bytes at a time
                int plain = plainUntil(original, pos, Math.min(w.end - 1, pos + (target - chars)));
                chars += plain - pos;
                pos = plain;
                if (chars == target || pos >= w.end - 1) {
                    break;
                }
                int b = original[pos] & 0xFF;
                int len;
                int units = 1;
                if (b == '\\') {
                    len = original[pos + 1] == 'u' ? 6 : 2;
                } else if (b < 0x80) {
                    len = 1;
                } else if (b < 0xE0) {
                    len = 2;
                } else if (b < 0xF0) {
                    len = 3;
                } else {
                    len = 4;
                    units = 2;
                }
                if (chars + units > target) {
                    return null;
                }
                pos += len;
                chars += units;
            }
            if (chars != target) {
                return null; // an edit past the string's end: edits and text disagree
            }
            at[k] = pos;
        }
        for (int i = 0; i < n; i++) {
            String r = edits.replacement(i);
            if (hasSurrogate(r)) {
                return null;
            }
            quoted[i] = JsonStringEncoder.getInstance().quoteAsUTF8(r);
            size += quoted[i].length - (at[2 * i + 1] - at[2 * i]);
        }
        return new Edits(w, at, quoted, size);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    /** The first index in [from, to) holding a backslash or a byte of a multi-byte character, else {@code to}. */
    static int plainUntil(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            long x = w ^ BACKSLASHES; // a zero byte where w has a backslash
            if ((((x - ONES) & ~x | w) & HIGH) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            if (b[i] < 0 || b[i] == '\\') {
                return i;
            }
        }
        return to;
    }

    /**
     * A replaced string (what pseudonymising produces) is quoted with Jackson's own escaper instead of a
     * generator per string: the same bytes as {@code writeValueAsBytes} (one escape table, UTF-8 for the
     * rest; a test compares them), a fraction of the cost. Text with a surrogate goes to the generator, which
     * writes those as escapes.
     */
    static byte[] serialise(JsonNode node) {
        if (node.isTextual() && !hasSurrogate(node.textValue())) {
            byte[] inner = JsonStringEncoder.getInstance().quoteAsUTF8(node.textValue());
            byte[] quoted = new byte[inner.length + 2];
            quoted[0] = '"';
            System.arraycopy(inner, 0, quoted, 1, inner.length);
            quoted[quoted.length - 1] = '"';
            return quoted;
        }
        try {
            return OUT.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("body could not be encoded again", e);
        }
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
