package dev.hush.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Runs every enabled detector over a text and returns non-overlapping findings in original-text
 * offsets, sorted by start. Immutable and thread-safe: build once (at start or on reload) and share.
 *
 * <p>Overlaps are resolved by {@link FindingTypes#precedence}: a credential wins over the PII inside it,
 * then the longer finding, then the more confident one. The loser is dropped, so one span of text is
 * reported (and later rewritten) once. Region findings ({@link FindingTypes#isRegion}) are kept beside
 * the values inside them.
 */
public final class Scanner {
    private static final Comparator<Finding> WINNER_FIRST = Comparator
            .comparingInt((Finding f) -> FindingTypes.precedence(f.type()))
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed())
            .thenComparingInt(Finding::start);

    private final List<Detector> detectors;
    private final String version;

    public Scanner(List<Detector> detectors, String version) {
        this.detectors = List.copyOf(detectors);
        this.version = version;
    }

    public List<Detector> detectors() {
        return detectors;
    }

    /** Identifies the rule set (detectors and their configuration); part of every scan-cache key. */
    public String version() {
        return version;
    }

    public List<Finding> scan(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        ScanText st = ScanText.of(text);
        List<Finding> raw = new ArrayList<>(4);
        FindingSink sink = (start, end, type, rule, confidence) -> {
            int s = st.originalStart(start);
            int e = st.originalEnd(end);
            if (e > s) {
                raw.add(new Finding(s, e, type, rule, confidence));
            }
        };
        for (Detector d : detectors) {
            d.detect(st, sink);
        }
        return resolveOverlaps(raw);
    }

    /**
     * Keeps the winner of every overlapping group; returns the survivors sorted by start. O(n log n): the
     * kept findings never overlap, so ordered by (start, end) their ends never decrease, and the one with
     * the greatest key starting before a candidate's end is the only one that can overlap it.
     */
    public static List<Finding> resolveOverlaps(List<Finding> raw) {
        if (raw.size() <= 1) {
            return raw.isEmpty() ? List.of() : List.of(raw.get(0));
        }
        List<Finding> byRank = new ArrayList<>(raw);
        byRank.sort(WINNER_FIRST);
        List<Finding> kept = new ArrayList<>(byRank.size());
        List<Finding> regions = new ArrayList<>(0);
        TreeSet<Long> spans = new TreeSet<>();
        for (Finding f : byRank) {
            if (FindingTypes.isRegion(f.type())) {
                regions.add(f);
                continue;
            }
            Long before = spans.lower((long) f.end() << 32);
            if (before != null && (int) (before & 0xFFFFFFFFL) > f.start()) {
                continue;
            }
            spans.add((long) f.start() << 32 | f.end());
            kept.add(f);
        }
        kept.addAll(regions);
        kept.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
        return List.copyOf(kept);
    }
}
