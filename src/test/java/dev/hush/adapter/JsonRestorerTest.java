package dev.hush.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.redact.ConversationPseudonyms;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRestorerTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String restore(ConversationPseudonyms c, String answer) {
        JsonRestorer r = new JsonRestorer(c);
        r.feed(utf8(answer));
        return new String(r.finish(), StandardCharsets.UTF_8);
    }

    @Test
    void onlyALessThanSignRawOrEscapedCanHoldAPlaceholder() {
        assertFalse(JsonRestorer.mayHoldPlaceholder(utf8("{\"content\":\"no placeholders here, a \\\\ and \\u00e9\"}")));
        assertTrue(JsonRestorer.mayHoldPlaceholder(utf8("{\"content\":\"see <EMAIL_1>\"}")));
        assertTrue(JsonRestorer.mayHoldPlaceholder(utf8("{\"content\":\"see \\u003cEMAIL_1\\u003e\"}")));
        assertTrue(JsonRestorer.mayHoldPlaceholder(utf8("{\"content\":\"see \\u003CEMAIL_1\\u003E\"}")));
        assertFalse(JsonRestorer.mayHoldPlaceholder(utf8("{\"content\":\"cut \\u003")));
    }

    @Test
    void restoresRawAndEscapedPlaceholdersAndPassesOtherAnswersByteForByte() {
        ConversationPseudonyms c = new ConversationPseudonyms();
        String p = c.placeholder("PII.EMAIL", "t.nguyen" + 42 + "@example.com");
        assertEquals("<EMAIL_1>", p);
        assertEquals("{\"content\":\"write to t.nguyen42@example.com\"}", restore(c, "{\"content\":\"write to <EMAIL_1>\"}"));
        assertEquals("{\"content\":\"write to t.nguyen42@example.com\"}",
                restore(c, "{\"content\":\"write to \\u003cEMAIL_1\\u003e\"}"));
        // untouched answers go out exactly as they came, spacing and escapes included
        String plain = "{ \"content\" : \"nothing to restore, caf\\u00e9\" }";
        assertArrayEquals(utf8(plain), utf8(restore(c, plain)));
    }
}
