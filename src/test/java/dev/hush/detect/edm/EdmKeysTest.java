package dev.hush.detect.edm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EdmKeysTest {
    private static String key(String cell) {
        EdmKeys.CellKey k = EdmKeys.cellKey(cell);
        return k == null ? null : k.key();
    }

    @Test
    void caseWhitespaceAndPunctuationDoNotMatter() {
        assertEquals(key("John Smith"), key("  JOHN   smith "));
        assertEquals(key("john.smith@example.com"), key("John.Smith@EXAMPLE.com"));
        assertEquals(key("ACC-0012-3456"), key("acc 0012 3456"));
        assertNotEquals(key("John Smith"), key("John Smyth"));
    }

    @Test
    void latinDiacriticsDoNotMatter() {
        assertEquals(key("Jose Muller"), key("José Müller"));
        assertEquals(key("Soren Lokke"), key("SØREN LØKKE"));
        assertNotEquals(key("Jose Muller"), key("Josef Muller"));
    }

    @Test
    void phoneFormatsShareOneKey() {
        String us = key("+1 (555) 123-4567");
        assertEquals(us, key("555.123.4567"));
        assertEquals(us, key("(555) 123 4567"));
        String uk = key("+44 (0)20 7946 0958");
        assertEquals(uk, key("020 7946 0958"));
        assertEquals(uk, key("0044 20 7946 0958"));
        assertEquals(uk, key("+44 20 7946 0958"));
        assertNotEquals(us, uk);
    }

    @Test
    void cardFormatsShareOneKey() {
        assertEquals(key("4111111111111111"), key("4111 1111 1111 1111"));
        assertEquals(key("4111111111111111"), key("4111-1111-1111-1111"));
    }

    @Test
    void tooShortAndPlaceholderCellsAreNotIndexed() {
        assertNull(EdmKeys.cellKey(""));
        assertNull(EdmKeys.cellKey("  "));
        assertNull(EdmKeys.cellKey("NY"));
        assertNull(EdmKeys.cellKey("N/A"));
        assertNull(EdmKeys.cellKey("null"));
        assertNull(EdmKeys.cellKey("--"));
    }

    @Test
    void prefixIsTheKeyStartWhateverTheWordBreaks() {
        assertEquals("obri", EdmKeys.cellKey("O'Brien, Liam").prefix());
        assertEquals("obri", EdmKeys.cellKey("OBrien Liam").prefix());
        assertEquals("bob", EdmKeys.cellKey("Bob").prefix());
    }
}
