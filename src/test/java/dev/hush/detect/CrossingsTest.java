package dev.hush.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Values split across parts are found with windows only as wide as what can cross the boundary. */
class CrossingsTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Reports every occurrence of {@code needle} in the original text. */
    private static Scanner scannerFor(String needle) {
        return new Scanner(List.of(new LiteralDetector("needle", needle, "SECRET.TEST").inOriginal()), "t");
    }

    private static String token(Random rnd, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String prose(Random rnd, int length) {
        String[] words = {"the", "plan", "for", "quarterly", "review", "meeting", "is", "ready", "please", "send"};
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            sb.append(words[rnd.nextInt(words.length)]).append(' ');
        }
        return sb.substring(0, length);
    }

    /** A PEM-like block of 64-char lines (fresh random body). */
    private static String pem(Random rnd, int lines) {
        StringBuilder sb = new StringBuilder("-----BEGIN TEST KEY-----\n");
        for (int i = 0; i < lines; i++) {
            sb.append(token(rnd, 64)).append('\n');
        }
        return sb.append("-----END TEST KEY-----").toString();
    }

    /** Cuts {@code text} at {@code cuts} random points into parts; checks the value is reported in each part it touches. */
    private static void assertFoundAcross(Random rnd, String before, String value, String after, int cuts) {
        String text = before + value + after;
        int vs = before.length();
        int ve = vs + value.length();
        List<Integer> at = new ArrayList<>();
        int cut;
        do {
            cut = vs + 1 + rnd.nextInt(value.length() - 1);
        } while (Character.isWhitespace(text.charAt(cut - 1)) || Character.isWhitespace(text.charAt(cut)));
        at.add(cut); // glued: a cut at a line break is not crossed, by design
        for (int i = 1; i < cuts; i++) {
            at.add(1 + rnd.nextInt(text.length() - 1));
        }
        at = at.stream().distinct().sorted().toList();
        List<String> parts = new ArrayList<>();
        int prev = 0;
        for (int c : at) {
            parts.add(text.substring(prev, c));
            prev = c;
        }
        parts.add(text.substring(prev));
        List<List<Finding>> found = scannerFor(value).scanJoined(parts);
        int offset = 0;
        for (int k = 0; k < parts.size(); k++) {
            int ps = Math.max(vs, offset);
            int pe = Math.min(ve, offset + parts.get(k).length());
            List<Finding> expected = pe > ps
                    ? List.of(new Finding(ps - offset, pe - offset, "SECRET.TEST", "needle", 0.9))
                    : List.of();
            assertEquals(expected, found.get(k), "part " + k + " of cuts " + at + ", value length " + value.length());
            offset += parts.get(k).length();
        }
    }

    @Test
    void shortAndLongTokensSplitAnywhereAreFound() {
        Random rnd = new Random(11);
        for (int round = 0; round < 300; round++) {
            int length = round % 3 == 0 ? 8 + rnd.nextInt(60) : 200 + rnd.nextInt(3500);
            String value = token(rnd, length);
            assertFoundAcross(rnd, prose(rnd, rnd.nextInt(600)) + "key: ", value, " " + prose(rnd, rnd.nextInt(600)),
                    1 + rnd.nextInt(4));
        }
    }

    @Test
    void pemBlocksSplitAnywhereAreFound() {
        Random rnd = new Random(12);
        for (int round = 0; round < 200; round++) {
            String value = pem(rnd, 1 + rnd.nextInt(50));
            // the cut may fall inside the BEGIN or END marker, or inside a body line
            assertFoundAcross(rnd, prose(rnd, rnd.nextInt(800)) + "\n", value, "\n" + prose(rnd, rnd.nextInt(800)),
                    1 + rnd.nextInt(3));
        }
    }

    @Test
    void proseGetsTheDefaultWindowAndLongTokensTheirWholeLength() {
        Random rnd = new Random(13);
        String text = prose(rnd, 5000);
        int b = 2500;
        int ws = Scanner.windowStart(text, b, false);
        int we = Scanner.windowEnd(text, b, false);
        assertTrue(b - ws <= Scanner.JOIN_SIDE + Scanner.JOIN_CONTEXT + 10, "left " + (b - ws));
        assertTrue(we - b <= Scanner.JOIN_SIDE + 10, "right " + (we - b));
        String tok = token(rnd, 1500);
        String withToken = prose(rnd, 1000) + " " + tok + " " + prose(rnd, 1000);
        int mid = 1001 + 700;
        assertEquals(1001 - Scanner.JOIN_CONTEXT, Scanner.windowStart(withToken, mid, false));
        assertEquals(1001 + 1500, Scanner.windowEnd(withToken, mid, false));
        // never beyond the cap
        String huge = token(rnd, 20_000);
        assertEquals(10_000 - Scanner.JOIN_WINDOW, Scanner.windowStart(huge, 10_000, false));
        assertEquals(10_000 + Scanner.JOIN_WINDOW, Scanner.windowEnd(huge, 10_000, false));
        // an open PEM block before the boundary pulls the window back to its BEGIN and on to its END line
        String block = pem(rnd, 40);
        String withPem = prose(rnd, 600) + "\n" + block + "\n" + prose(rnd, 600);
        int begin = withPem.indexOf("-----BEGIN");
        int inside = begin + block.length() / 2;
        assertEquals(begin, Scanner.windowStart(withPem, inside, true));
        assertEquals(withPem.indexOf("-----\n", withPem.indexOf("-----END")) + 5, Scanner.windowEnd(withPem, inside, true));
        // a closed block no longer matters
        int afterBlock = begin + block.length() + 300;
        assertTrue(afterBlock - Scanner.windowStart(withPem, afterBlock, true) <= Scanner.JOIN_SIDE + Scanner.JOIN_CONTEXT + 10);
    }
}
