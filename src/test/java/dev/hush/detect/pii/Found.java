package dev.hush.detect.pii;

import dev.hush.detect.Detector;
import dev.hush.detect.ScanText;
import java.util.ArrayList;
import java.util.List;

/** Runs one detector and returns the matched substrings (of the normalised text), in report order. */
final class Found {
    private Found() {
    }

    static List<String> by(Detector d, String text) {
        ScanText st = ScanText.of(text);
        List<String> out = new ArrayList<>();
        d.detect(st, (start, end, type, rule, conf) -> {
            if (start < 0 || end > st.normalized().length() || end <= start) {
                throw new AssertionError("bad span " + start + ".." + end);
            }
            out.add(st.normalized().substring(start, end));
        });
        return out;
    }
}
