package dev.hush.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The audit writer's JSON reads back as what Jackson's default generator wrote, byte for byte in the Basic
 * Multilingual Plane (Jackson escapes astral characters as surrogate pairs; this writes their UTF-8).
 */
class JsonBytesTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Random strings over ASCII, control characters, quotes, backslashes, Latin, CJK and astral characters. */
    private static String random(Random rnd) {
        StringBuilder b = new StringBuilder();
        int n = rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(7)) {
                case 0 -> b.append((char) rnd.nextInt(32));
                case 1 -> b.append("\"\\/\u007f".charAt(rnd.nextInt(4)));
                case 2 -> b.append((char) (0xA0 + rnd.nextInt(0x700)));
                case 3 -> b.append((char) (0x4E00 + rnd.nextInt(0x5000)));
                case 4 -> b.appendCodePoint(0x1F300 + rnd.nextInt(0x300));
                default -> b.append((char) (' ' + rnd.nextInt(95)));
            }
        }
        return b.toString();
    }

    @Test
    void sameBytesAsJacksonForRandomStrings() throws Exception {
        Random rnd = new Random(20261201);
        JsonBytes mine = new JsonBytes(16);
        for (int round = 0; round < 2000; round++) {
            String a = random(rnd);
            String b = random(rnd);
            long[] edges = {0, 9, 10, 99, 100, Long.MAX_VALUE, -1, Long.MIN_VALUE};
            long n = round < edges.length ? edges[round] : round % 3 == 0 ? rnd.nextInt(100_000) : rnd.nextLong();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField(a, b);
                g.writeNumberField("n", n);
                g.writeArrayFieldStart("list");
                g.writeString(b);
                g.writeString(a);
                g.writeEndArray();
                g.writeArrayFieldStart("objects");
                g.writeStartObject();
                g.writeStringField("k", a);
                g.writeEndObject();
                g.writeStartObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            mine.reset();
            mine.startObject().field(a, b).field("n", n).startArray("list").value(b).value(a).endArray()
                    .startArray("objects").startObject().field("k", a).endObject().startObject().endObject().endArray()
                    .endObject();
            byte[] ours = Arrays.copyOf(mine.array(), mine.length());
            assertEquals(MAPPER.readTree(out.toByteArray()), MAPPER.readTree(ours), "round " + round);
            if ((a + b).codePoints().allMatch(Character::isBmpCodePoint)) {
                assertArrayEquals(out.toByteArray(), ours, "round " + round);
            }
        }
    }

    /**
     * Member names through the per-buffer slots: the same bytes as Jackson writes for 300 distinct names (more
     * than the slots, so slots are taken over), for each name again, and for an equal name that is another String.
     */
    @Test
    void memberNamesAreTheSameWhicheverSlotOrMapAnswers() throws Exception {
        JsonBytes mine = new JsonBytes(16);
        java.io.ByteArrayOutputStream theirs = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(theirs)) {
            mine.startObject();
            g.writeStartObject();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 300; i++) {
                    String name = round == 2 ? new String("member-\"" + i) : ("member-\"" + i).intern();
                    mine.field(name, round * 1000L + i);
                    g.writeNumberField(name, round * 1000L + i);
                }
            }
            mine.endObject();
            g.writeEndObject();
        }
        assertEquals(theirs.toString(java.nio.charset.StandardCharsets.UTF_8),
                new String(mine.array(), 0, mine.length(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The plain leading run copied in one piece: a run of printable ASCII (0 to 90 chars, so also longer than the
     * random strings' runs) followed by each kind of character that ends it (quote, backslash, control character,
     * DEL, Latin, CJK, astral, a lone surrogate) and more text, into a buffer that starts small (so the run lands
     * at every offset and the buffer grows under it): the same bytes as Jackson (read back equal for the astral
     * and lone-surrogate cases, whose escapes differ by design).
     */
    @Test
    void plainRunThenEachCharacterThatEndsIt() throws Exception {
        String[] enders = {"\"", "\\", "\n", "\u0001", "\u007f", "\u00e9", "\u4e2d", "\ud83c\udf00", "\ud800", ""};
        Random rnd = new Random(31);
        JsonBytes mine = new JsonBytes(16);
        int checked = 0;
        for (int run = 0; run <= 90; run++) {
            StringBuilder plain = new StringBuilder();
            for (int i = 0; i < run; i++) {
                char c;
                do {
                    c = (char) (' ' + rnd.nextInt(95));
                } while (c == '"' || c == '\\');
                plain.append(c);
            }
            for (String end : enders) {
                String value = plain + end + "tail/" + run;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (JsonGenerator g = JSON.createGenerator(out)) {
                    g.writeStartObject();
                    g.writeStringField("v", value);
                    g.writeEndObject();
                }
                if (run % 4 == 0) {
                    mine.reset(); // else the buffer keeps earlier objects: the run starts at another offset
                }
                int from = mine.length();
                mine.truncate(from);
                mine.startObject().field("v", value).endObject();
                byte[] ours = Arrays.copyOfRange(mine.array(), from, mine.length());
                assertEquals(value, MAPPER.readTree(ours).get("v").asText(), "run " + run);
                if (value.codePoints().allMatch(Character::isBmpCodePoint) && !value.contains("\ud800")) {
                    assertArrayEquals(out.toByteArray(), ours, "run " + run + " ender of length " + end.length());
                    checked++;
                }
            }
        }
        assertEquals(91 * 8, checked); // every case but the astral and lone-surrogate ones compared byte for byte
    }

    @Test
    void nullMembersAreLeftOutAndALoneSurrogateIsEscaped() throws Exception {
        JsonBytes b = new JsonBytes(4);
        b.startObject().field("a", (String) null).field("b", "x\ud800y").startArray("e").endArray().endObject();
        String s = new String(b.array(), 0, b.length(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"b\":\"x\\uD800y\",\"e\":[]}", s);
        JsonNode back = new ObjectMapper().readTree(s);
        assertEquals("x\ud800y", back.get("b").asText());
        assertTrue(back.get("e").isEmpty());
    }

    @Test
    void truncateDropsARecordCut() {
        JsonBytes b = new JsonBytes(8);
        b.startObject().field("a", "1").endObject();
        int mark = b.length();
        b.startObject().field("b", "2");
        b.truncate(mark);
        b.startObject().field("c", List.of("3").get(0)).endObject();
        assertEquals("{\"a\":\"1\"}{\"c\":\"3\"}", new String(b.array(), 0, b.length(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Instants as Instant.toString writes them: random seconds and fractions of 0, 3, 6 and 9 digits, reused buffer. */
    @Test
    void instantsAsToString() {
        Random rnd = new Random(11);
        JsonBytes out = new JsonBytes(16);
        for (int i = 0; i < 20_000; i++) {
            long sec = i % 1000 == 0 ? -1 - rnd.nextInt(1 << 30) : i % 7 == 0 ? 253_402_300_799L + rnd.nextInt(3)
                    : (long) (rnd.nextDouble() * 253_402_300_800L);
            int nanos = switch (rnd.nextInt(5)) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(1000) * 1_000_000;
                case 2 -> rnd.nextInt(1_000_000) * 1_000;
                default -> rnd.nextInt(1_000_000_000);
            };
            // the same second twice in a row now and then: the cached date must still be right
            java.time.Instant t = java.time.Instant.ofEpochSecond(i % 3 == 0 ? sec - sec % 60 : sec, nanos);
            out.truncate(0);
            out.startObject().field("time", t).endObject();
            assertEquals("{\"time\":\"" + t + "\"}", new String(out.array(), 0, out.length(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
