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
}
