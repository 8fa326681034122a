package dev.hush.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hush.detect.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTextTest {
    final KeyedHash kh = new KeyedHash("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void controlCharactersCannotForgeALineAndLengthIsBounded() {
        assertEquals("a\uFFFD\uFFFDb\uFFFD", AuditText.clean("a\r\nb\u2028", 100));
        assertEquals("abc…(+3 chars)", AuditText.clean("abcdef", 3));
    }

    @Test
    void findingsAreReplacedByTheirPreviewAndKeptAsKeyedHashes() {
        String value = "q7Zp2xk9Lm";
        String text = "token " + value + " end";
        AuditText.Masked m = AuditText.mask(text, List.of(new Finding(6, 6 + value.length(), "SECRET.X", "x", 1.0)),
                "justification", kh, 500);
        assertFalse(m.text().contains(value), m.text());
        assertEquals(kh.of(value), m.findings().get(0).hash());
        assertEquals("justification", m.findings().get(0).location());
        assertEquals(" end", m.text().substring(m.text().length() - 4));
    }
}
