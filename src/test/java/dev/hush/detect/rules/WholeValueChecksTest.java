package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The validators' hand-written whole-value checks give what the regexes they replace give. */
class WholeValueChecksTest {

    @Test
    void wholeValueChecksAgreeWithTheirRegexes() {
        Random rnd = new Random(17);
        String alphabet = "aAfFgGzZ09_$.x-\u00E9\uD83D";
        int hex = 0;
        int paths = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder b = new StringBuilder();
            int span = 1 + rnd.nextInt(alphabet.length());
            for (int k = rnd.nextInt(12); k > 0; k--) {
                b.append(alphabet.charAt(rnd.nextInt(span)));
            }
            String v = b.toString();
            boolean h = Validators.HEX.matcher(v).matches();
            boolean p = Validators.IDENTIFIER_PATH.matcher(v).matches();
            assertEquals(h, Validators.allHex(v), v);
            assertEquals(p, Validators.identifierPath(v), v);
            hex += h ? 1 : 0;
            paths += p ? 1 : 0;
        }
        assertTrue(hex > 1_000 && hex < 49_000, "both outcomes of the hex check: " + hex);
        assertTrue(paths > 1_000 && paths < 49_000, "both outcomes of the path check: " + paths);
    }
}
