package dev.hush.audit;

import dev.hush.detect.Finding;
import dev.hush.detect.MaskedPreview;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Free text on its way into an audit record (user, model, path, justification): control characters become
 * U+FFFD, the length is bounded, and every finding is replaced by its masked preview. The log never holds a
 * raw value, and nobody can forge a line break into it.
 */
public final class AuditText {
    private AuditText() {
    }

    /** The text with its findings masked, and those findings as the log keeps them (keyed hash, preview). */
    public record Masked(String text, List<AuditFinding> findings) {
    }

    /** Control characters replaced, cut to {@code max} characters (with a marker of how much was cut). */
    public static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        int n = Math.min(s.length(), max);
        StringBuilder b = new StringBuilder(n + 16);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '\uFFFD' : c);
        }
        if (s.length() > max) {
            b.append("…(+").append(s.length() - max).append(" chars)");
        }
        return b.toString();
    }

    /** Replaces each finding by its masked preview (by start; one overlapping a previous is dropped), then {@link #clean}s. */
    public static Masked mask(String s, List<Finding> findings, String location, KeyedHash hash, int max) {
        if (s == null) {
            return new Masked(null, List.of());
        }
        List<Finding> found = new ArrayList<>(findings);
        found.sort(Comparator.comparingInt(Finding::start));
        StringBuilder b = new StringBuilder(s.length());
        List<AuditFinding> fs = new ArrayList<>();
        int at = 0;
        for (Finding f : found) {
            if (f.start() < at || f.end() > s.length()) {
                continue;
            }
            String value = s.substring(f.start(), f.end());
            b.append(s, at, f.start()).append('[').append(f.type()).append(' ').append(MaskedPreview.of(value))
                    .append(']');
            fs.add(new AuditFinding(f.type(), f.rule(), location, f.start(), f.end(), hash.of(value),
                    MaskedPreview.of(value), "masked"));
            at = f.end();
        }
        b.append(s, at, s.length());
        return new Masked(clean(b.toString(), max), fs);
    }
}
