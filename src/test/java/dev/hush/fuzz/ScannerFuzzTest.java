package dev.hush.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import java.util.List;

/**
 * The scanner on arbitrary text (every detector, the built-in catalogue, the normalised view and its offset
 * mapping): no exception, and every finding's offsets lie inside the original text in order. Without
 * JAZZER_FUZZ this runs the committed seeds in {@code ScannerFuzzTestInputs/} (see docs/fuzzing.md).
 */
@org.junit.jupiter.api.Tag("fuzz")
class ScannerFuzzTest {
    private static Scanner scanner;

    private static synchronized Scanner scanner() throws Exception {
        if (scanner == null) {
            scanner = ScannerFactory.build(new HushConfig());
        }
        return scanner;
    }

    /**
     * The first byte picks the decoding of the rest: UTF-8 (what requests carry) or UTF-16LE pairs, which
     * reach every char including lone surrogates. Raw bytes keep the committed seeds readable files.
     */
    static String text(byte[] data) {
        if (data.length == 0) {
            return "";
        }
        if ((data[0] & 1) == 0) {
            return new String(data, 1, data.length - 1, java.nio.charset.StandardCharsets.UTF_8);
        }
        char[] c = new char[(data.length - 1) / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ((data[1 + 2 * i] & 0xff) | (data[2 + 2 * i] & 0xff) << 8);
        }
        return new String(c);
    }

    @FuzzTest(maxDuration = "5m")
    void scanAnyText(byte[] data) throws Exception {
        String text = text(data);
        List<Finding> findings = scanner().scan(text);
        for (Finding f : findings) {
            assertTrue(0 <= f.start() && f.start() < f.end() && f.end() <= text.length(),
                    () -> "offsets " + f.start() + ".." + f.end() + " outside 0.." + text.length() + " for " + f.type());
            assertTrue(f.type() != null && f.rule() != null);
            // the masked preview is what the audit and the CLI print: it must accept every span
            dev.hush.detect.MaskedPreview.of(text.substring(f.start(), f.end()));
        }
    }
}
