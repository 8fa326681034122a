package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What counts as a placeholder: markers anywhere, ordinary words only as whole words, runs only as whole values. */
class PlaceholdersTest {

    @Test
    void markersCountAnywhere() {
        assertTrue(Placeholders.isPlaceholder("AKIAIOSFODNN7EXAMPLE"));
        assertTrue(Placeholders.isPlaceholder("<your-api-key>"));
        assertTrue(Placeholders.isPlaceholder("xoxb-0000-xxxxxxxxxxxx"));
        assertTrue(Placeholders.isPlaceholder("[REDACTED]"));
    }

    @Test
    void ordinaryWordsCountOnlyAsWholeWords() {
        assertTrue(Placeholders.isPlaceholder("TODO"));
        assertTrue(Placeholders.isPlaceholder("sample-key-123"));
        assertTrue(Placeholders.isPlaceholder("FakeValues99x"));
        assertTrue(Placeholders.isPlaceholder("my_dummy_token"));
        // a real password that merely contains one of the words is still a password
        assertFalse(Placeholders.isPlaceholder("Mysample9!x"));
        assertFalse(Placeholders.isPlaceholder("xtodoq7Zr"));
        assertFalse(Placeholders.isPlaceholder("samplesQ7#4"));
        assertFalse(Placeholders.isPlaceholder("Kfakery82!"));
    }

    @Test
    void wordLikeValuesArePasswordsButTheNameItselfIsNot() {
        // a weak word-like password is still a password: a DLP flags it rather than miss Summer2024!
        assertFalse(Placeholders.isPlaceholder("myPassword"));
        assertFalse(Placeholders.isPlaceholder("mysecret"));
        assertFalse(Placeholders.isPlaceholder("Password123!"));
        // a value that is only the name of what belongs there is not
        assertTrue(Placeholders.isPlaceholder("password"));
        assertTrue(Placeholders.isPlaceholder("PASSWORD"));
        assertTrue(Placeholders.isPlaceholder("api_key"));
        assertTrue(Placeholders.isPlaceholder("changeme"));
    }

    @Test
    void runsAndCountsArePlaceholdersOnlyAsTheWholeValue() {
        assertTrue(Placeholders.isPlaceholder("aaaaaaaaaaaa"));
        assertTrue(Placeholders.isPlaceholder("0000-0000-0000"));
        assertTrue(Placeholders.isPlaceholder("1234567890abcdef"));
        assertTrue(Placeholders.isPlaceholder("abcdefgh"));
        assertTrue(Placeholders.isPlaceholder("1234567890abcdef1234567890abcdef"));
        assertTrue(Placeholders.isPlaceholder("abcabcabcabc"));
        assertFalse(Placeholders.isPlaceholder("Kq7vKq7vKq7vZ"));
        assertFalse(Placeholders.isPlaceholder("x7Rq2Lm9x7Rq2Lm9"));
        // a real key or password that holds a short run or count is checked by its rule
        assertFalse(Placeholders.isPlaceholder("00aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab7"));
        assertFalse(Placeholders.isPlaceholder("Summer2024123!"));
        assertFalse(Placeholders.isPlaceholder("Pq12345678z!"));
        // the whole part after an issuer's short prefix (or before its suffix) counts: that part is the run
        assertTrue(Placeholders.isPlaceholder("AIzaSyabcdefghijklmnopqrstuvwxyz1234567"));
        assertTrue(Placeholders.isPlaceholder("a1b2c3d4e5f6g7h8i9j0k1l2NRAL"));
        // hand-typed: the letters count, the digits between them do not (a real key never has the letters in a row)
        assertTrue(Placeholders.isPlaceholder("qx-api-c7d2e9f4-g1h8-i0j3-k5l6m2n9o4p7"));
        assertTrue(Placeholders.isPlaceholder("m4n1o8p2q6r0s3t9u5"));
        assertFalse(Placeholders.isPlaceholder("a1b2c3d4e5f6g7q8i9j0k1l2m3n4"));
        assertFalse(Placeholders.isPlaceholder("k7Qz2vLm9Tx4Rb8Wn3Jc6Hd1Fs5G"));
        assertTrue(Placeholders.isPlaceholder("00aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        assertTrue(Placeholders.isPlaceholder("abcdef.0123456789abcdef"));
        // a count inside a key with random parts on both sides is not a placeholder
        assertFalse(Placeholders.isPlaceholder("00Rk3vTq9Lw-ZPBN-ABCDEFGHIJKL-7GdmSx-hWqzc"));
        assertFalse(Placeholders.isPlaceholder("NRAK-123456788ABCDEFGHIJKLMNOPQR"));
        assertFalse(Placeholders.isPlaceholder("sk-ant-api03-abcdefghij" + "Kq7vLm2ZpX9rT4bN8cW1eHs5"));
        assertFalse(Placeholders.isPlaceholder("Vq7pLm29xZr4Tb8NcW1eHs5K"));
    }

    @Test
    void publishedEmulatorKeysAndReferencesArePlaceholders() {
        assertTrue(Placeholders.isPlaceholder(
                "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="));
        assertTrue(Placeholders.isPlaceholder("${DB_PASSWORD}"));
        assertTrue(Placeholders.isPlaceholder("%APPDATA%"));
    }
}
