package dev.hush.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rewritten JSON bodies: the original bytes with only the changed values spliced in. */
class JsonSourceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The quick path for replaced strings writes exactly what Jackson's generator writes. */
    @Test
    void replacedStringsAreTheGeneratorsBytes() throws Exception {
        ObjectMapper m = new ObjectMapper();
        Random r = new Random(7);
        char[] pool = {'a', 'Z', '0', ' ', '"', '\\', '/', '<', '>', '&', '\'', '\n', '\r', '\t', '\b', '\f',
            '\u0000', '\u001f', '\u007f', '\u0080', '\u00e9', '\u07ff', '\u0800', '\u2028', '\u2029', '\ufeff',
            '\uffff', '\ud83d', '\ude00'};
        int viaGenerator = 0;
        for (int n = 0; n < 2000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = r.nextInt(40); i > 0; i--) {
                b.append(pool[r.nextInt(pool.length)]);
            }
            TextNode t = new TextNode(b.toString());
            assertArrayEquals(m.writeValueAsBytes(t), JsonSource.serialise(t), () -> "for " + t);
            viaGenerator += b.chars().anyMatch(c -> Character.isSurrogate((char) c)) ? 1 : 0;
        }
        assertTrue(viaGenerator > 0 && viaGenerator < 2000, "both paths taken");
    }

    @Test
    void unchangedBodyIsTheOriginalBytes() throws Exception {
        byte[] body = utf8("{ \"model\" : \"m\",\n  \"n\": 1.50, \"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9 \\/ ok\"}] }");
        assertArrayEquals(body, JsonSource.read(body).encode());
    }

    @Test
    void onlyTheReplacedStringChanges() throws Exception {
        String head = "{ \"model\" : \"m\",\n  \"n\": 1.50, \"messages\":[{\"role\":\"user\",\"content\":";
        String tail = "}, {\"role\":\"user\",\"content\":\"caf\\u00e9\"}] }";
        JsonSource src = JsonSource.read(utf8(head + "\"mail p.k@example.org\"" + tail));
        ObjectNode m = (ObjectNode) src.tree().get("messages").get(0);
        m.set("content", TextNode.valueOf("mail <EMAIL_1> \"quoted\""));
        assertEquals(head + "\"mail <EMAIL_1> \\\"quoted\\\"\"" + tail, new String(src.encode(), StandardCharsets.UTF_8));
    }

    @Test
    void aBodyAtTheStartOfALongerArrayReadsAsItsOwnBytes() throws Exception {
        String head = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":";
        String body = head + "\"mail q.r@example.net\"}]}";
        byte[] exact = utf8(body);
        // the body in a buffer's array with room (and junk) after it, as the gateway's request buffer has
        byte[] roomy = java.util.Arrays.copyOf(exact, exact.length + 64);
        java.util.Arrays.fill(roomy, exact.length, roomy.length, (byte) '}');
        assertArrayEquals(exact, JsonSource.read(roomy, exact.length).encode(), "unchanged: the body's bytes only");
        JsonSource src = JsonSource.read(roomy, exact.length);
        ((ObjectNode) src.tree().get("messages").get(0)).set("content", TextNode.valueOf("mail <EMAIL_1>"));
        assertEquals(head + "\"mail <EMAIL_1>\"}]}", new String(src.encode(), StandardCharsets.UTF_8));
        // what follows the length is not the body: no "data follows", and a cut body is no JSON
        assertEquals("Request body is not valid JSON",
                assertThrows(MalformedBody.class, () -> JsonSource.read(roomy, exact.length - 1)).getMessage());
        assertEquals("Request body must be UTF-8 JSON", assertThrows(MalformedBody.class,
                () -> JsonSource.read("{\"a\":1}    ".getBytes(StandardCharsets.UTF_16LE), 8)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonSource.read(exact, exact.length + 1));
    }

    @Test
    void equalEmptyStringsAreToldApart() throws Exception {
        JsonSource src = JsonSource.read(utf8("[\"\", \"\", \"\"]"));
        ((ArrayNode) src.tree()).set(1, TextNode.valueOf("x"));
        assertEquals("[\"\", \"x\", \"\"]", new String(src.encode(), StandardCharsets.UTF_8));
    }

    @Test
    void aKeyAddedOrANumberReplacedReserialisesOnlyThatObject() throws Exception {
        JsonSource src = JsonSource.read(utf8("{\"a\": {\"x\": 1}, \"b\": [ 1, 2 ], \"c\": \"keep  \\u0041\"}"));
        ((ObjectNode) src.tree().get("a")).put("y", "new");
        ((ArrayNode) src.tree().get("b")).set(0, MAPPER.getNodeFactory().numberNode(7));
        assertEquals("{\"a\": {\"x\":1,\"y\":\"new\"}, \"b\": [7,2], \"c\": \"keep  \\u0041\"}",
                new String(src.encode(), StandardCharsets.UTF_8));
    }

    @Test
    void strictAsStrictJson() {
        assertEquals("Request body is not valid JSON: a key appears twice in one object",
                assertThrows(MalformedBody.class, () -> JsonSource.read(utf8("{\"a\":\"1\",\"a\":\"2\"}"))).getMessage());
        assertEquals("Request body is not valid JSON: data follows the JSON value",
                assertThrows(MalformedBody.class, () -> JsonSource.read(utf8("{\"a\":\"1\"} {}"))).getMessage());
        assertEquals("Request body must be UTF-8 JSON",
                assertThrows(MalformedBody.class, () -> JsonSource.read("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE))).getMessage());
        assertEquals("Request body is not valid JSON",
                assertThrows(MalformedBody.class, () -> JsonSource.read(utf8("{\"a\":"))).getMessage());
        assertEquals("Request body is not valid JSON",
                assertThrows(MalformedBody.class, () -> JsonSource.read(utf8(""))).getMessage());
    }

    /** Random documents, random strings replaced: the spliced body reads back as the rewritten tree. */
    @Test
    void randomRewritesReadBackAsTheTree() throws Exception {
        Random rnd = new Random(1201);
        for (int round = 0; round < 500; round++) {
            JsonNode doc = randomNode(rnd, 0);
            String text = rnd.nextBoolean() ? doc.toString() : doc.toPrettyString();
            JsonSource src = JsonSource.read(utf8(text));
            assertEquals(doc, src.tree(), "parsed as Jackson parses it");
            List<Runnable> writes = new ArrayList<>();
            collectStrings(src.tree(), writes, rnd);
            for (Runnable w : writes) {
                if (rnd.nextInt(3) == 0) {
                    w.run();
                }
            }
            byte[] out = src.encode();
            assertEquals(src.tree(), MAPPER.readTree(out), "round " + round);
            assertTrue(out.length > 0);
        }
    }

    private static JsonNode randomNode(Random rnd, int depth) {
        int kind = depth > 3 ? rnd.nextInt(3) : rnd.nextInt(5);
        return switch (kind) {
            case 0 -> TextNode.valueOf(rnd.nextInt(4) == 0 ? "" : "t\"\\\n\u00e9" + rnd.nextInt(1000));
            case 1 -> MAPPER.getNodeFactory().numberNode(rnd.nextInt(100_000) - 50);
            case 2 -> rnd.nextBoolean() ? MAPPER.getNodeFactory().booleanNode(true) : MAPPER.getNodeFactory().nullNode();
            case 3 -> {
                ObjectNode o = MAPPER.createObjectNode();
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    o.set("k" + i, randomNode(rnd, depth + 1));
                }
                yield o;
            }
            default -> {
                ArrayNode a = MAPPER.createArrayNode();
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(randomNode(rnd, depth + 1));
                }
                yield a;
            }
        };
    }

    /** A write per string in the tree, as the adapters' slots write: replace it in its object or array. */
    private static void collectStrings(JsonNode node, List<Runnable> writes, Random rnd) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                JsonNode v = o.get(k);
                if (v.isTextual()) {
                    String next = "<PERSON_" + rnd.nextInt(9) + "> \u4e00";
                    writes.add(() -> o.set(k, TextNode.valueOf(next)));
                } else {
                    collectStrings(v, writes, rnd);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                int at = i;
                if (a.get(i).isTextual()) {
                    writes.add(() -> a.set(at, TextNode.valueOf("<EMAIL_" + at + ">")));
                } else {
                    collectStrings(a.get(i), writes, rnd);
                }
            }
        }
    }

    /** An edited string keeps the client's bytes between the edits: only the replacements are quoted. */
    @Test
    void editedStringKeepsItsEscapingBetweenTheEdits() throws Exception {
        String body = "{\"content\":\"caf\\u00e9 \\/ mail p.k@example.org, \\\"x\\\" \u00e9\ud83d\ude00 end\"}";
        JsonSource src = JsonSource.read(utf8(body));
        ObjectNode o = (ObjectNode) src.tree();
        String text = o.get("content").textValue();
        int at = text.indexOf("p.k@");
        TextEdits edits = new TextEdits();
        edits.add(at, at + "p.k@example.org".length(), "<EMAIL_1> \"q\"");
        o.set("content", JsonSource.edited(edits.apply(text), o.get("content"), edits));
        assertEquals("{\"content\":\"caf\\u00e9 \\/ mail <EMAIL_1> \\\"q\\\", \\\"x\\\" \u00e9\ud83d\ude00 end\"}",
                new String(src.encode(), StandardCharsets.UTF_8));
    }

    /**
     * Edited strings written straight into the output beside a re-serialised object, in document order: the exact
     * bytes (an edited string's size and its place are computed apart from its writing, so a wrong size shows as
     * a shorter or longer body here).
     */
    @Test
    void editedStringsAndAReserialisedObjectInOneBody() throws Exception {
        String body = "{\"a\":\"call Ann at 555-0199 \\u00e9\",\"o\":{\"n\":1},\"b\":[\"x\",\"mail q@example.net now\"],"
                + "\"c\":\"\\/keep\"}";
        JsonSource src = JsonSource.read(utf8(body));
        ObjectNode o = (ObjectNode) src.tree();
        String a = o.get("a").textValue();
        TextEdits ea = new TextEdits();
        ea.add(a.indexOf("Ann"), a.indexOf("Ann") + 3, "<PERSON_1>");
        ea.add(a.indexOf("555"), a.indexOf("555") + 8, "<PHONE_1>");
        o.set("a", JsonSource.edited(ea.apply(a), o.get("a"), ea));
        ((ObjectNode) o.get("o")).put("added", "v");
        com.fasterxml.jackson.databind.node.ArrayNode arr = (com.fasterxml.jackson.databind.node.ArrayNode) o.get("b");
        String b = arr.get(1).textValue();
        TextEdits eb = new TextEdits();
        eb.add(b.indexOf("q@"), b.indexOf("q@") + "q@example.net".length(), "\"<EMAIL_1>\"");
        arr.set(1, JsonSource.edited(eb.apply(b), arr.get(1), eb));
        assertEquals("{\"a\":\"call <PERSON_1> at <PHONE_1> \\u00e9\",\"o\":{\"n\":1,\"added\":\"v\"},"
                + "\"b\":[\"x\",\"mail \\\"<EMAIL_1>\\\" now\"],\"c\":\"\\/keep\"}",
                new String(src.encode(), StandardCharsets.UTF_8));
    }

    /**
     * Random strings (escapes, 2-, 3- and 4-byte UTF-8, escaped surrogates) with random edits: the spliced body
     * reads back as the edited text, also where an edge cuts a four-byte character (then quoted whole).
     */
    @Test
    void randomEditsReadBackAsTheEditedText() throws Exception {
        Random rnd = new Random(2026);
        String[] pieces = {"a", "Z", " ", "\\\"", "\\\\", "\\/", "\\n", "\\u00e9", "\\ud83d\\ude00", "\u00e9", "\u20ac",
            "\ud83d\ude00", "<", "\\u003c"};
        String[] replacements = {"<PERSON_1>", "[REDACTED:email]", "", "\"\\\n\u00e9\u20ac", "\u0001"};
        for (int round = 0; round < 2000; round++) {
            StringBuilder raw = new StringBuilder();
            for (int i = rnd.nextInt(30); i > 0; i--) {
                raw.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String body = "{\"k\": 1, \"s\": \"" + raw + "\", \"t\": \"" + raw + "\"}";
            JsonSource src = JsonSource.read(utf8(body));
            ObjectNode o = (ObjectNode) src.tree();
            String text = o.get("s").textValue();
            TextEdits edits = new TextEdits();
            int at = 0;
            while (at < text.length() && rnd.nextInt(3) > 0) {
                int start = at + rnd.nextInt(text.length() - at + 1);
                int end = start + rnd.nextInt(text.length() - start + 1);
                edits.add(start, end, replacements[rnd.nextInt(replacements.length)]);
                at = end + 1;
            }
            String next = edits.apply(text);
            o.set("s", JsonSource.edited(next, o.get("s"), edits));
            byte[] out = src.encode();
            JsonNode back = MAPPER.readTree(out);
            assertEquals(next, back.get("s").textValue(), () -> "round " + body);
            assertEquals(text, back.get("t").textValue());
            String outText = new String(out, StandardCharsets.UTF_8);
            assertTrue(outText.endsWith(", \"t\": \"" + raw + "\"}"), "the other string keeps its bytes");
        }
    }

    /** An edge inside a character of four UTF-8 bytes cannot keep the bytes around it: the text is quoted whole. */
    @Test
    void anEdgeInsideAFourByteCharacterQuotesTheWholeText() throws Exception {
        JsonSource src = JsonSource.read(utf8("{\"s\":\"a\\/\ud83d\ude00b\"}"));
        ObjectNode o = (ObjectNode) src.tree();
        TextEdits edits = new TextEdits();
        edits.add(2, 3, "X"); // the high surrogate alone
        String next = edits.apply(o.get("s").textValue());
        o.set("s", JsonSource.edited(next, o.get("s"), edits));
        byte[] out = src.encode();
        assertEquals(next, MAPPER.readTree(out).get("s").textValue());
        assertEquals(new String(MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("s", next)), StandardCharsets.UTF_8),
                new String(out, StandardCharsets.UTF_8), "quoted as the generator quotes it");
    }

    /** The eight-bytes-at-a-time skip finds the same first backslash or non-ASCII byte as a byte loop. */
    @Test
    void plainRunsEndWhereAByteLoopSaysTheyDo() {
        Random rnd = new Random(99);
        byte[] special = {'\\', (byte) 0xC3, (byte) 0x80, (byte) 0xFF, (byte) 0xE2};
        for (int round = 0; round < 5000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(12) == 0 ? special[rnd.nextInt(special.length)] : (byte) (0x20 + rnd.nextInt(0x5F));
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int to = from + rnd.nextInt(b.length - from + 1);
            int expected = to;
            for (int i = from; i < to; i++) {
                if (b[i] < 0 || b[i] == '\\') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, JsonSource.plainUntil(b, from, to));
        }
    }
}
