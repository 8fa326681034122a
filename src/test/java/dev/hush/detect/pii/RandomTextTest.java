package dev.hush.detect.pii;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.HushConfig;
import dev.hush.detect.Detector;
import dev.hush.detect.ScanText;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random digit-and-separator soup (the inputs that exercise every candidate path): every detector must
 * finish, report spans inside the text, and report only values that pass its own checksum.
 */
class RandomTextTest {
    private static final String ALPHABET = "0123456789012345678901234567890123456789 -.()/+:@%abcDEXY_\n,[]";

    @Test
    void detectorsStayInBoundsAndReportOnlyValidValues() {
        Random rnd = new Random(42);
        HushConfig config = new HushConfig();
        var detectors = new PiiPlugin().create(config);
        int reported = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder b = new StringBuilder();
            int len = 20 + rnd.nextInt(200);
            for (int i = 0; i < len; i++) {
                b.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
            }
            if (round % 3 == 0) {
                b.insert(rnd.nextInt(b.length()), " 4111 1111 1111 1111 ");
            }
            ScanText st = ScanText.of(b.toString());
            String s = st.normalized();
            for (Detector d : detectors) {
                int[] count = {0};
                d.detect(st, (start, end, type, rule, conf) -> {
                    assertTrue(start >= 0 && end <= s.length() && start < end, d.id() + " span " + start + ".." + end);
                    String v = s.substring(start, end);
                    if (type.equals(PaymentCardDetector.TYPE)) {
                        char[] digits = v.replaceAll("[^0-9]", "").toCharArray();
                        assertTrue(CardIssuer.luhn(digits, digits.length), "not Luhn-valid: " + v);
                    } else if (type.equals(UsSsnDetector.TYPE)) {
                        assertTrue(UsSsnDetector.issuable(v.replaceAll("[^0-9]", "").toCharArray()), v);
                    } else if (type.equals(IbanDetector.TYPE)) {
                        assertTrue(IbanDetector.isValid(v), v);
                    }
                    count[0]++;
                });
                reported += count[0];
            }
        }
        assertTrue(reported >= 1000, "the planted cards were found: " + reported);
    }
}
