package dev.hush.detect.fingerprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.ScanText;
import dev.hush.detect.SipHash;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShinglesTest {
    private static final SipHash SIP = new SipHash(new byte[16]);

    private static Shingles of(String s) {
        return Shingles.of(ScanText.of(s).lower(), SIP);
    }

    @Test
    void caseSpacingAndPunctuationDoNotChangeShingles() {
        Shingles a = of("The board approved, in principle, the acquisition of Lindqvist Marine Systems.");
        Shingles b = of("the   BOARD approved in principle -- the acquisition of\nLindqvist marine systems");
        assertEquals(a.count(), b.count());
        for (int i = 0; i < a.count(); i++) {
            assertEquals(a.hash(i), b.hash(i));
        }
    }

    @Test
    void winnowingKeepsAFingerprintInEveryWindow() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("w").append(i * 7919 % 1000).append(' ');
        }
        Shingles s = of(text.toString());
        int[] sel = s.winnow();
        for (int start = 0; start + Shingles.WINDOW <= s.count(); start++) {
            boolean hit = false;
            for (int p : sel) {
                hit |= p >= start && p < start + Shingles.WINDOW;
            }
            assertTrue(hit, "window at " + start);
        }
        // density near the expected 2/(W+1)
        double density = (double) sel.length / s.count();
        assertTrue(density > 0.25 && density < 0.55, "density " + density);
    }

    @Test
    void aSharedRunSelectsTheSameFingerprintsInsideIt() {
        String shared = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november";
        Shingles a = of("one two three four five six " + shared + " seven eight nine ten");
        Shingles b = of("zulu yankee xray " + shared + " whiskey victor");
        Set<Long> fa = new HashSet<>();
        for (int p : a.winnow()) {
            fa.add(a.hash(p));
        }
        int common = 0;
        for (int p : b.winnow()) {
            common += fa.contains(b.hash(p)) ? 1 : 0;
        }
        assertTrue(common >= 2, "common fingerprints " + common);
    }

    @Test
    void shortTextsHaveNoShingles() {
        assertEquals(0, of("too short to shingle").count());
        assertArrayEquals(new int[0], of("").winnow());
        assertEquals(1, of("exactly five words right here").winnow().length);
    }
}
