package dev.hush.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlaceholderRestorerTest {

    private static ConversationPseudonyms conv() {
        ConversationPseudonyms c = new ConversationPseudonyms();
        assertEquals("<EMAIL_1>", c.placeholder("PII.EMAIL", "a@b.io"));
        assertEquals("<EMAIL_2>", c.placeholder("PII.EMAIL", "c@d.io"));
        assertEquals("<EMAIL_1>", c.placeholder("PII.EMAIL", "a@b.io"));
        assertEquals("<PROJECT_X_1>", c.placeholder("CUSTOM.project-x", "Nebula"));
        return c;
    }

    @Test
    void restoresWholeTextsAndLeavesUnknownOnes() {
        ConversationPseudonyms c = conv();
        assertEquals("to a@b.io and c@d.io, not <EMAIL_9> or <b> or a < b",
                PlaceholderRestorer.restoreAll("to <EMAIL_1> and <EMAIL_2>, not <EMAIL_9> or <b> or a < b", c, false));
        assertEquals("Nebula!", PlaceholderRestorer.restoreAll("<PROJECT_X_1>!", c, false));
    }

    @Test
    void placeholderSplitIntoTwoPiecesAtEveryPositionIsRestored() {
        ConversationPseudonyms c = conv();
        String text = "x <EMAIL_12> y <EMAIL_1><EMAIL_2> z <";
        c.placeholder("PII.EMAIL", "e3"); // make EMAIL_3..12 exist
        for (int i = 4; i <= 12; i++) {
            c.placeholder("PII.EMAIL", "e" + i);
        }
        String expected = PlaceholderRestorer.restoreAll(text, c, false);
        assertEquals("x e12 y a@b.ioc@d.io z <", expected);
        for (int i = 0; i <= text.length(); i++) {
            for (int j = i; j <= text.length(); j++) {
                PlaceholderRestorer r = new PlaceholderRestorer(c, false);
                String out = r.feed(text.substring(0, i)) + r.feed(text.substring(i, j)) + r.feed(text.substring(j))
                        + r.flush();
                assertEquals(expected, out, "split at " + i + "," + j);
            }
        }
    }

    @Test
    void holdsBackOnlyWhatCouldStillBeAPlaceholder() {
        PlaceholderRestorer r = new PlaceholderRestorer(conv(), false);
        assertEquals("see ", r.feed("see <EMA"));
        assertEquals("a@b.io.", r.feed("IL_1>."));
        assertEquals("a <b> c", r.feed("a <b> c"));
        assertEquals("1 < 2", r.feed("1 < 2"));
    }

    @Test
    void escapesOriginalsInsideJsonStrings() {
        ConversationPseudonyms c = new ConversationPseudonyms();
        c.placeholder("PII.PERSON", "O\"Brien");
        assertEquals("{\"name\":\"O\\\"Brien\"}", PlaceholderRestorer.restoreAll("{\"name\":\"<PERSON_1>\"}", c, true));
    }
}
