package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer's ASCII table gives the tokens of its definition (letter runs with inner hyphens and apostrophes,
 * combining marks, digit runs, one token per other non-space char), checked against that definition written with
 * {@link Character} calls only, on random text over ASCII, Latin-1, other scripts, marks, spaces and surrogates.
 */
class TokensTest {
    private static final String ALPHABET = "aZq09 \t\n\r\u000b\u001f-'\u2019.,@_\u00e9\u00df\u00a0\u0301\u0436\u4e2d\u2028"
            + "\ud83d\ude00\u0660\u00aa\u02b0";

    /** The definition: one token per (start, end, kind) triple. */
    private static List<String> reference(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int to = text.length();
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < to) {
                    char d = text.charAt(j);
                    if (Character.isLetter(d) || Character.getType(d) == Character.NON_SPACING_MARK) {
                        j++;
                    } else if ((d == '-' || d == '\'' || d == '\u2019') && j + 1 < to && Character.isLetter(text.charAt(j + 1))) {
                        j += 2;
                    } else {
                        break;
                    }
                }
                out.add(i + "-" + j + ":" + Tokens.WORD);
                i = j;
            } else if (c >= '0' && c <= '9') {
                int j = i + 1;
                while (j < to && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                    j++;
                }
                out.add(i + "-" + j + ":" + Tokens.NUMBER);
                i = j;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                out.add(i + "-" + (i + 1) + ":" + Tokens.PUNCT);
                i++;
            }
        }
        return out;
    }

    @Test
    void tokensAreTheDefinitions() {
        Random r = new Random(11);
        long tokens = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(60); k > 0; k--) {
                b.append(r.nextInt(4) == 0 ? (char) r.nextInt(0x3000) : ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            String text = b.toString();
            Tokens t = Tokens.of(text);
            List<String> got = new ArrayList<>();
            for (int k = 0; k < t.size(); k++) {
                got.add(t.start(k) + "-" + t.end(k) + ":" + t.kind(k));
            }
            assertEquals(reference(text), got, text);
            tokens += got.size();
            Tokens inner = Tokens.of("a." + text + "b", 2, 2 + text.length()); // a range of a longer text: the same, shifted
            List<String> shifted = new ArrayList<>();
            for (int k = 0; k < inner.size(); k++) {
                shifted.add((inner.start(k) - 2) + "-" + (inner.end(k) - 2) + ":" + inner.kind(k));
            }
            assertEquals(reference(text), shifted, text);
        }
        assertTrue(tokens > 10_000, "tokens compared: " + tokens);
    }
    @Test
    void lowerIsTheTokenLowerCasedEveryTime() {
        Random r = new Random(12);
        int differing = 0;
        for (int n = 0; n < 1_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(60); k > 0; k--) {
                b.append(r.nextInt(4) == 0 ? (char) r.nextInt(0x3000) : ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            Tokens t = Tokens.of(b.toString());
            for (int pass = 0; pass < 2; pass++) { // the second pass reads the memo
                for (int k = t.size() - 1; k >= 0; k--) {
                    String want = t.text(k).toLowerCase(java.util.Locale.ROOT);
                    assertEquals(want, t.lower(k), t.text(k));
                    differing += want.equals(t.text(k)) ? 0 : 1;
                }
            }
        }
        assertTrue(differing > 100, "tokens with a capital: " + differing);
    }
}
