package dev.hush.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScanTextTest {

    @Test
    void plainAsciiIsItsOwnView() {
        String s = "hello world key=abc";
        ScanText t = ScanText.of(s);
        assertSame(s, t.normalized());
        assertTrue(t.isIdentity());
        assertEquals(5, t.originalStart(5));
        assertEquals(7, t.originalEnd(7));
    }

    @Test
    void zeroWidthCharactersAreRemovedAndOffsetsMapBack() {
        String s = "key AKIA\u200BABCD\u00ADEFGH end";
        ScanText t = ScanText.of(s);
        assertEquals("key AKIAABCDEFGH end", t.normalized());
        int ns = t.normalized().indexOf("AKIA");
        int ne = ns + "AKIAABCDEFGH".length();
        assertEquals(s.indexOf("AKIA"), t.originalStart(ns));
        assertEquals(s.indexOf(" end"), t.originalEnd(ne));
    }

    @Test
    void fullwidthLettersFoldToAscii() {
        String s = "token ＡＫＩＡ１２３ done";
        ScanText t = ScanText.of(s);
        assertEquals("token AKIA123 done", t.normalized());
        int ns = t.normalized().indexOf("AKIA123");
        assertEquals(s.indexOf("Ａ"), t.originalStart(ns));
        assertEquals(s.indexOf(" done"), t.originalEnd(ns + 7));
    }

    @Test
    void jsonAndUrlEscapesAreDecoded() {
        String s = "{\"k\":\"-----BEGIN\\nabc\\u0041\"} sig=ab%2Bcd%3D";
        ScanText t = ScanText.of(s);
        assertEquals("{\"k\":\"-----BEGIN\nabcA\"} sig=ab+cd=", t.normalized());
        int plus = t.normalized().indexOf('+');
        assertEquals(s.indexOf("%2B"), t.originalStart(plus));
        assertEquals(s.indexOf("%2B") + 3, t.originalEnd(plus + 1));
        int a = t.normalized().indexOf("A\"");
        assertEquals(s.indexOf("\\u0041"), t.originalStart(a));
        assertEquals(s.indexOf("\\u0041") + 6, t.originalEnd(a + 1));
    }

    @Test
    void lowerKeepsLengthAndOffsets() {
        ScanText t = ScanText.of("ÄBC İx Password");
        assertEquals(t.normalized().length(), t.lower().length());
        assertTrue(t.lower().endsWith("password"));
    }

    @Test
    void loneBackslashAndPercentStayAsTheyAre() {
        ScanText t = ScanText.of("100% sure \\q and %zz");
        assertEquals("100% sure \\q and %zz", t.normalized());
    }

    @Test
    void tagsVariationSelectorsAndFillersAreRemoved() {
        String s = "k=ab" + new String(Character.toChars(0xE0041)) + "c\uFE0Fd\u3164e\u115Ff\uFFA0g"
                + new String(Character.toChars(0xE0101)) + "h\u2060i";
        ScanText t = ScanText.of(s);
        assertEquals("k=abcdefghi", t.normalized());
        assertEquals(s.length(), t.originalEnd(t.normalized().length()));
        assertEquals(s.indexOf('h'), t.originalStart(t.normalized().indexOf('h')));
    }

    @Test
    void separatorsBecomeSpacesAndNewlines() {
        ScanText t = ScanText.of("a\u00A0b\u2028c\u2029d\u202Fe\u3000f");
        assertEquals("a b\nc\nd e f", t.normalized());
    }

    @Test
    void lookAlikeLettersFoldOnlyInsideMixedTokens() {
        // Cyrillic а, е, о and Greek Ο inside Latin tokens
        String s = "key AKIA\u041EXYZ and j\u043Ehn@ex\u0430mple.com, \u039FK";
        ScanText t = ScanText.of(s);
        assertEquals("key AKIAOXYZ and john@example.com, \u039FK".replace("\u039FK", "OK"), t.normalized());
        assertEquals(s.length(), t.normalized().length());
        // ordinary Russian and Greek text is its own view
        String ru = "Привет, это обычный текст о погоде. Καλημέρα κόσμε.";
        assertSame(ru, ScanText.of(ru).normalized());
    }

    @Test
    void utf8UrlEscapesAreDecoded() {
        ScanText t = ScanText.of("ab%E2%80%8Bcd%C3%A9 %FF");
        assertEquals("abcdé %FF", t.normalized());
    }

    @Test
    void contextStopsAnOverBudgetScan() {
        ScanContext ctx = ScanContext.unbounded();
        ctx.cancel();
        String big = "x".repeat((int) ScanContext.CHECK_EVERY * 2);
        org.junit.jupiter.api.Assertions.assertThrows(ScanStoppedException.class, () -> ScanText.of(big, ctx));
        ScanContext expired = ScanContext.withBudget(0);
        org.junit.jupiter.api.Assertions.assertThrows(ScanStoppedException.class, expired::check);
        ScanContext fine = ScanContext.withBudget(Long.MAX_VALUE);
        ScanText.of(big, fine);
        assertTrue(fine.work() >= big.length());
    }

    @Test
    void digitAndWordBitSetsAgreeWithReadingEveryChar() {
        // texts of every length around the 64-bit words, from an alphabet of digits, letters of two scripts,
        // '_', '.', spaces and punctuation, so both searches cross word edges and reach the end of the view
        String alphabet = "0123456789abcXYZ_.- ,;\u00e9\u0436\u4e2d!";
        java.util.Random random = new java.util.Random(11);
        int words = 0;
        for (int round = 0; round < 2_000; round++) {
            int n = random.nextInt(200);
            StringBuilder sb = new StringBuilder(n);
            for (int k = 0; k < n; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ScanText t = ScanText.of(sb.toString());
            String v = t.normalized();
            for (int from = 0; from <= v.length(); from++) {
                int end = from;
                while (end < v.length() && ScanText.isWordChar(v.charAt(end))) {
                    end++;
                }
                assertEquals(end, t.wordEnd(from), v + " from " + from);
                words += end > from ? 1 : 0;
                int digit = from;
                while (digit < v.length() && !(v.charAt(digit) >= '0' && v.charAt(digit) <= '9')) {
                    digit++;
                }
                assertEquals(digit == v.length() ? -1 : digit, t.nextDigit(from), v + " from " + from);
                int run = from;
                while (run < v.length() && v.charAt(run) >= '0' && v.charAt(run) <= '9') {
                    run++;
                }
                assertEquals(run, t.digitRunEnd(from), v + " from " + from);
            }
        }
        assertTrue(words > 10_000, "the texts hold words to skip: " + words);
        assertTrue(ScanText.isWordChar('\u0436') && ScanText.isWordChar('_') && !ScanText.isWordChar('.'));
    }
}
