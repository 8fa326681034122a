package dev.hush.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every string of a body of any common kind (JSON, {@code application/x-www-form-urlencoded}, multipart,
 * text), each as a {@link TextSlot} whose write-back keeps the format valid: form fields are re-encoded,
 * JSON inside a string (or a form field, or a multipart part) is decoded, walked and serialised back into
 * its string, multipart parts keep their headers and every untouched byte. One instance per request.
 */
final class BodyTexts {
    /** JSON-in-a-string is decoded this deep; each level reads its text once, so the walk stays linear. */
    static final int MAX_DEPTH = 6;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One JSON value and nothing after it: a JSON Lines file must not read as its first line only. */
    private static final com.fasterxml.jackson.databind.ObjectReader ONE_VALUE = JSON.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "csv", "tsv", "json", "jsonl", "md", "log",
            "xml", "yaml", "yml", "html", "htm", "js", "ts", "py", "java", "go", "rs", "c", "cc", "cpp", "h",
            "hpp", "cs", "rb", "php", "kt", "swift", "sql", "sh", "ps1", "ini", "toml", "conf", "cfg",
            "properties", "env", "tf", "pem", "ipynb");

    final List<TextSlot> slots = new ArrayList<>();
    final List<String> notScanned = new ArrayList<>();
    /** Documents nested in strings, parents before children (the order they were found). */
    private final List<Nested> nested = new ArrayList<>();
    private final Doc root = new Doc();
    private byte[] original;
    private Render rootEncoder;
    /** Locations of a tree another reader already took (its slots, and the parts it recorded as not scanned). */
    private Set<String> taken = Set.of();

    /** Serialises the root document. */
    private interface Render {
        byte[] render() throws Exception;
    }

    /** Whether a text in a document was written (so the document must be serialised again). */
    private static class Doc {
        boolean dirty;
    }

    /** A JSON document inside a string of another document, and the writer of that string. */
    private static final class Nested extends Doc {
        final JsonNode tree;
        final TextSlot.Writer outer;

        Nested(JsonNode tree, TextSlot.Writer outer) {
            this.tree = tree;
            this.outer = outer;
        }
    }

    /** Reads a body by its media type (lower case, no parameters) and full content type. */
    void read(byte[] body, String mediaType, String contentType) {
        original = body;
        rootEncoder = () -> original;
        if (body.length == 0) {
            return;
        }
        if (mediaType.equals("application/x-www-form-urlencoded") && form(body)) {
            return;
        }
        if (mediaType.startsWith("multipart/") && multipart(body, contentType)) {
            return;
        }
        if (mediaType.contains("json") || looksLikeJson(body)) {
            try {
                JsonNode tree = ONE_VALUE.readTree(body);
                if (tree != null && tree.isContainerNode()) {
                    json(tree, "", root, 0);
                    rootEncoder = () -> JSON.writeValueAsBytes(tree);
                    return;
                }
            } catch (Exception e) {
                // not JSON after all: read as text below
            }
        }
        String text = textual(mediaType) ? utf8(body) : null;
        if (text == null) {
            notScanned.add("body: " + (mediaType.isEmpty() ? "binary" : mediaType));
            return;
        }
        String[] out = {text};
        string(text, "body", s -> out[0] = s, root, 0);
        rootEncoder = () -> out[0].getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Every string of {@code tree} (a parsed body an adapter has read in part) outside the {@code taken}
     * locations: a taken string is skipped, a taken container with everything under it. Slots write into the
     * tree itself; call {@link #writeNested()} before the tree is serialised.
     */
    void rest(JsonNode tree, Set<String> taken) {
        this.taken = taken;
        json(tree, "", root, 0);
        this.taken = Set.of();
    }

    /** Writes changed JSON-in-string documents back into their strings, children first. */
    void writeNested() throws Exception {
        for (int i = nested.size() - 1; i >= 0; i--) { // children first: each writes into its parent
            Nested n = nested.get(i);
            if (n.dirty) {
                n.outer.write(JSON.writeValueAsString(n.tree));
                n.dirty = false;
            }
        }
    }

    /** The body again, with every written slot in place; the original bytes when nothing was written. */
    byte[] encode() throws Exception {
        writeNested();
        return root.dirty ? rootEncoder.render() : original;
    }

    ExtractedRequest result() {
        return new ExtractedRequest(slots, notScanned, null, slots.isEmpty() ? "" : slots.get(0).text(), () -> {
            try {
                return encode();
            } catch (Exception e) {
                throw new IllegalStateException("body could not be encoded again", e);
            }
        });
    }

    /** One string: a slot, or when it holds a JSON document, that document's strings. */
    private void string(String value, String location, TextSlot.Writer write, Doc doc, int depth) {
        if (depth < MAX_DEPTH && looksLikeJson(value)) {
            if (jsonLines(value, location, write, doc, depth)) {
                return;
            }
            try {
                JsonNode tree = ONE_VALUE.readTree(value);
                if (tree != null && tree.isContainerNode()) {
                    Nested n = new Nested(tree, s -> {
                        write.write(s);
                        doc.dirty = true;
                    });
                    nested.add(n);
                    json(tree, location + "<json>", n, depth + 1);
                    return;
                }
            } catch (Exception e) {
                // a string that only starts like JSON: scan it as text
            }
        }
        if (value.startsWith("data:") && value.indexOf(',') > 0 && value.indexOf(',') < 200) {
            // an inline file: its text when it is text, else recorded (an image, a binary file)
            TextSlot file = EmbeddedFile.slot(location, value, null, null, s -> {
                write.write(s);
                doc.dirty = true;
            });
            if (file == null) {
                notScanned.add(location + ": " + EmbeddedFile.kind(value, null, null, "data URL"));
            } else {
                slots.add(file);
            }
            return;
        }
        slots.add(new TextSlot(location, value, s -> {
            write.write(s);
            doc.dirty = true;
        }));
    }

    /**
     * A JSON Lines text (a batch file, a JSONL upload): two or more lines that each start like JSON. Each
     * line is read as its own string ({@code <line 3>}); a rewritten line is put back among the others.
     */
    private boolean jsonLines(String value, String location, TextSlot.Writer write, Doc doc, int depth) {
        if (value.indexOf('\n') < 0) {
            return false;
        }
        String[] lines = value.split("\n", -1);
        int json = 0;
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            if (!looksLikeJson(l)) {
                return false;
            }
            json++;
        }
        if (json < 2) {
            return false;
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int idx = i;
            string(lines[i], location + "<line " + (i + 1) + ">", s -> {
                lines[idx] = s;
                write.write(String.join("\n", lines));
            }, doc, depth + 1);
        }
        return true;
    }

    private void json(JsonNode node, String path, Doc doc, int depth) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                JsonNode v = e.getValue();
                String p = path.isEmpty() ? k : path + "." + k;
                if (doc == root && taken.contains(p)) {
                    continue;
                }
                if (v.isTextual()) {
                    string(v.asText(), p, s -> o.set(k, TextNode.valueOf(s)), doc, depth);
                } else if (v.isContainerNode()) {
                    json(v, p, doc, depth);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                String p = path + "[" + i + "]";
                int idx = i;
                if (doc == root && taken.contains(p)) {
                    continue;
                }
                if (v.isTextual()) {
                    string(v.asText(), p, s -> a.set(idx, TextNode.valueOf(s)), doc, depth);
                } else if (v.isContainerNode()) {
                    json(v, p, doc, depth);
                }
            }
        }
    }

    /** {@code a=1&b=2}: each value a string; a changed field is re-encoded, the others keep their bytes. */
    private boolean form(byte[] body) {
        // percent-encoded, so ASCII in practice; raw UTF-8 is kept as such, anything else byte for byte
        String asUtf8 = utf8(body);
        java.nio.charset.Charset cs = asUtf8 != null ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String raw = asUtf8 != null ? asUtf8 : new String(body, cs);
        String[] pairs = raw.split("&", -1);
        String[] values = new String[pairs.length];
        boolean[] changed = new boolean[pairs.length];
        String[] names = new String[pairs.length];
        try {
            for (int i = 0; i < pairs.length; i++) {
                int eq = pairs[i].indexOf('=');
                names[i] = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
                values[i] = eq < 0 ? null : URLDecoder.decode(pairs[i].substring(eq + 1), StandardCharsets.UTF_8);
            }
        } catch (IllegalArgumentException e) {
            return false; // a stray '%': not a form after all
        }
        for (int i = 0; i < pairs.length; i++) {
            if (values[i] == null || values[i].isEmpty()) {
                continue;
            }
            int idx = i;
            String name = URLDecoder.decode(names[i], StandardCharsets.UTF_8);
            string(values[i], "form:" + name, s -> {
                values[idx] = s;
                changed[idx] = true;
            }, root, 0);
        }
        rootEncoder = () -> {
            StringBuilder b = new StringBuilder(raw.length() + 32);
            for (int i = 0; i < pairs.length; i++) {
                if (i > 0) {
                    b.append('&');
                }
                b.append(changed[i] ? names[i] + "=" + URLEncoder.encode(values[i], StandardCharsets.UTF_8) : pairs[i]);
            }
            return b.toString().getBytes(cs);
        };
        return true;
    }

    /**
     * {@code multipart/form-data}: each text part (a field, or a file whose name or type says text and whose
     * bytes are UTF-8) is a string; other parts are recorded as not scanned. Rendering keeps every byte
     * outside a changed part's content.
     */
    private boolean multipart(byte[] body, String contentType) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            return false;
        }
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelim = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delim, 0);
        if (at < 0) {
            return false;
        }
        List<int[]> contents = new ArrayList<>(); // [start, end) of each part's content
        List<String> headers = new ArrayList<>();
        int pos = at + delim.length;
        while (pos + 1 < body.length && !(body[pos] == '-' && body[pos + 1] == '-')) {
            int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, pos);
            if (lineEnd < 0) {
                return false;
            }
            int headEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, lineEnd);
            if (headEnd < 0) {
                return false;
            }
            int start = headEnd + 4;
            int end = indexOf(body, nextDelim, start);
            if (end < 0) {
                return false;
            }
            headers.add(new String(body, lineEnd + 2, Math.max(0, headEnd - lineEnd - 2), StandardCharsets.UTF_8));
            contents.add(new int[] {start, end});
            pos = end + nextDelim.length;
        }
        byte[][] replaced = new byte[contents.size()][];
        for (int i = 0; i < contents.size(); i++) {
            String h = headers.get(i);
            String name = param(h, "name");
            String file = param(h, "filename");
            String type = InboundRequest.mediaType(header(h, "content-type"));
            int[] c = contents.get(i);
            String where = "part:" + (name == null ? Integer.toString(i) : name);
            byte[] content = java.util.Arrays.copyOfRange(body, c[0], c[1]);
            String text = textPart(file, type) ? utf8(content) : untyped(type) ? plainText(content) : null;
            if (text == null && file != null && Uploads.document(extension(file), type)) {
                // an office document or PDF: its text is scanned, the part itself cannot be rewritten
                String doc = Uploads.documentText(content, extension(file));
                if (doc != null) {
                    slots.add(Uploads.readOnly(where, doc));
                    continue;
                }
                notScanned.add(where + ": unreadable document (encrypted or damaged)");
                continue;
            }
            if (text == null) {
                notScanned.add(where + ": " + (file != null ? "file " + extension(file) : "binary")
                        + (type.isEmpty() ? "" : " (" + type + ")"));
                continue;
            }
            int idx = i;
            string(text, where, s -> replaced[idx] = s.getBytes(StandardCharsets.UTF_8), root, 0);
        }
        rootEncoder = () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
            int from = 0;
            for (int i = 0; i < contents.size(); i++) {
                int[] c = contents.get(i);
                if (replaced[i] != null) {
                    out.write(body, from, c[0] - from);
                    out.writeBytes(replaced[i]);
                    from = c[1];
                }
            }
            out.write(body, from, body.length - from);
            return out.toByteArray();
        };
        return true;
    }

    private static boolean textPart(String file, String type) {
        if (file == null) {
            return type.isEmpty() || textual(type);
        }
        return textual(type) || TEXT_EXTENSIONS.contains(extension(file));
    }

    /** A part that does not say what it is ({@code /v1/uploads/{id}/parts} chunks are octet-stream). */
    private static boolean untyped(String type) {
        return type.isEmpty() || type.equals("application/octet-stream");
    }

    /** The bytes as text when they are UTF-8 without control characters (text, whatever its name), else null. */
    static String plainText(byte[] b) {
        for (byte x : b) {
            if (x >= 0 && x < 0x20 && x != '\t' && x != '\n' && x != '\r' && x != '\f' || x == 0x7F) {
                return null;
            }
        }
        return utf8(b);
    }

    private static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static boolean textual(String mediaType) {
        return mediaType.isEmpty() || mediaType.startsWith("text/") || mediaType.contains("json")
                || mediaType.contains("xml") || mediaType.contains("javascript") || mediaType.contains("yaml")
                || mediaType.equals("application/x-www-form-urlencoded") || mediaType.equals("application/sql");
    }

    static String boundary(String contentType) {
        String b = contentType == null ? null : param(contentType, "boundary");
        return b == null || b.isEmpty() || b.length() > 200 ? null : b;
    }

    /** A {@code name=value} or {@code name="value"} parameter of a header line (case-insensitive name). */
    static String param(String header, String name) {
        String lower = header.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int i = lower.indexOf(name + "=", from);
            if (i < 0) {
                return null;
            }
            char before = i == 0 ? ';' : lower.charAt(i - 1);
            if (before == ';' || before == ' ' || before == '\t') {
                int s = i + name.length() + 1;
                if (s < header.length() && header.charAt(s) == '"') {
                    int e = header.indexOf('"', s + 1);
                    return e < 0 ? header.substring(s + 1) : header.substring(s + 1, e);
                }
                int e = s;
                while (e < header.length() && header.charAt(e) != ';' && header.charAt(e) != '\r'
                        && header.charAt(e) != '\n') {
                    e++;
                }
                return header.substring(s, e).trim();
            }
            from = i + 1;
        }
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean looksLikeJson(byte[] b) {
        for (byte x : b) {
            if (x == ' ' || x == '\n' || x == '\r' || x == '\t') {
                continue;
            }
            return x == '{' || x == '[';
        }
        return false;
    }

    private static boolean looksLikeJson(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            return (c == '{' || c == '[') && s.length() - i >= 2;
        }
        return false;
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8 (binary). */
    static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
