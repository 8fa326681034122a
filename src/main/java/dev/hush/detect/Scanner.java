package dev.hush.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every enabled detector over a text and returns non-overlapping findings in original-text
 * offsets, sorted by start. Immutable and thread-safe: build once (at start or on reload) and share.
 *
 * <p>Overlaps are resolved by {@link FindingTypes#precedence}: a credential wins over the PII inside it,
 * then the longer finding, then the more confident one. The loser is dropped, so one span of text is
 * reported (and later rewritten) once. Region findings ({@link FindingTypes#isRegion}) are kept beside
 * the values inside them.
 *
 * <p>Each text is read in the normalised view ({@link ScanText}), in the joined view of values broken up by
 * spaces, soft breaks or line wrapping ({@link JoinedView}), and in the decoded text of base64 and hex runs
 * ({@link EncodedRuns}); see docs/evasion.md. {@link #scanJoined} reads several texts as one.
 */
public final class Scanner {

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
        return scan(text, ScanContext.unbounded());
    }

    /**
     * Scans within {@code context}'s limits: throws {@link ScanStoppedException} (from inside a detector,
     * within a bounded amount of work) once its deadline passes or it is cancelled.
     */
    public List<Finding> scan(String text, ScanContext context) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Finding> raw = new ArrayList<>(4);
        collect(text, context, 0, raw);
        return resolveOverlaps(raw);
    }

    /**
     * Scans several texts that the model reads one after the other (the messages of a request, the content
     * parts of a message) each on its own and also where they meet: a value split across two parts is found
     * and reported in each part, with that part's offsets. Returns one list per part, as {@link #scan} would.
     * Only boundaries a value can cross (no line break there) are looked at, in a window as wide as a value
     * split there can be ({@link #JOIN_SIDE} chars each side, more for a long token or an open PEM block, at
     * most {@link #JOIN_WINDOW}), so the extra cost is bounded by the number of such boundaries.
     */
    public List<List<Finding>> scanJoined(List<String> parts) {
        return scanJoined(parts, ScanContext.unbounded());
    }

    public List<List<Finding>> scanJoined(List<String> parts, ScanContext context) {
        List<List<Finding>> raw = new ArrayList<>(parts.size());
        for (String p : parts) {
            List<Finding> own = new ArrayList<>(4);
            if (p != null && !p.isEmpty()) {
                collect(p, context, 0, own);
            }
            raw.add(own);
        }
        List<List<Finding>> own = new ArrayList<>(raw.size());
        for (List<Finding> r : raw) {
            own.add(List.copyOf(r));
        }
        addCrossings(parts, own, context, raw, UNCACHED);
        List<List<Finding>> out = new ArrayList<>(raw.size());
        for (List<Finding> r : raw) {
            out.add(resolveOverlaps(r));
        }
        return out;
    }

    /**
     * Only the findings that run across a boundary between parts, one list per part in that part's offsets.
     * {@code own} holds each part's own findings (from {@link #scan}, which callers may cache): a crossing
     * of a soft-edged type (PII, names) that overlaps one of them of the same type is that value run on into its
     * neighbour (an e-mail address after a word that ended the previous part), not a split value, and is dropped. Merge with {@link #merge}.
     */
    public List<List<Finding>> crossings(List<String> parts, List<List<Finding>> own, ScanContext context) {
        return crossings(parts, own, context, UNCACHED);
    }

    /** As {@link #crossings(List, List, ScanContext)}, each window's raw findings through {@code windows}. */
    public List<List<Finding>> crossings(List<String> parts, List<List<Finding>> own, ScanContext context,
            WindowScans windows) {
        List<List<Finding>> raw = new ArrayList<>(parts.size());
        for (int k = 0; k < parts.size(); k++) {
            raw.add(new ArrayList<>(0));
        }
        addCrossings(parts, own, context, raw, windows);
        return raw;
    }

    /**
     * The raw findings of one window of joined text (a pure function of the window's text), so a cache can
     * answer for a window it saw before: a chat client resends the same boundaries every turn.
     */
    @FunctionalInterface
    public interface WindowScans {
        List<Finding> findings(String window, java.util.function.Function<String, List<Finding>> scan);
    }

    private static final WindowScans UNCACHED = (window, scan) -> scan.apply(window);

    /** One part's own findings and its crossings, overlaps resolved as {@link #scan} resolves them. */
    public List<Finding> merge(List<Finding> own, List<Finding> crossing) {
        if (crossing.isEmpty()) {
            return own;
        }
        List<Finding> all = new ArrayList<>(own.size() + crossing.size());
        all.addAll(own);
        all.addAll(crossing);
        return resolveOverlaps(all);
    }

    /**
     * Scans a window around every glued boundary ({@link #gluedAt}); the window is as wide as a value split
     * there can be ({@link #windowStart}, {@link #windowEnd}). Boundaries are grouped left to right, a group
     * spanning at most {@link #GROUP_CHARS} or its windows' reach past its first and last boundary, so tiny
     * parts are not each rescanned in a window wider than themselves, and a group depends only on the text
     * around it: a conversation that grows at its end changes only its last group or two, and every older
     * window is the same text (a cache hit) again.
     */
    private void addCrossings(List<String> parts, List<List<Finding>> own, ScanContext context,
            List<List<Finding>> raw, WindowScans windows) {
        int count = parts.size();
        int[] offset = new int[count + 1];
        for (int k = 0; k < count; k++) {
            String p = parts.get(k) == null ? "" : parts.get(k);
            offset[k + 1] = offset[k] + p.length();
        }
        String joined = null;
        boolean pem = false;
        int groupStart = -1;
        int groupEnd = -1;
        List<Integer> boundaries = new ArrayList<>();
        java.util.Set<Finding> seen = new java.util.HashSet<>();
        for (int k = 1; k < count; k++) {
            int b = offset[k];
            if (!gluedAt(parts, k, offset)) {
                continue;
            }
            if (joined == null) {
                StringBuilder sb = new StringBuilder(offset[count]);
                for (String p : parts) {
                    sb.append(p == null ? "" : p);
                }
                joined = sb.toString();
                pem = joined.contains(PEM_BEGIN);
            }
            int ws = windowStart(joined, b, pem);
            int we = windowEnd(joined, b, pem);
            // a group spans GROUP_CHARS of boundaries, or as much as its windows reach past them (a long token):
            // so every char is in at most about two windows, whatever the parts' sizes
            if (groupStart >= 0) {
                int first = boundaries.get(0);
                int overhang = first - groupStart + groupEnd - boundaries.get(boundaries.size() - 1);
                if (b - first > Math.max(GROUP_CHARS, overhang)) {
                    scanWindow(joined, groupStart, groupEnd, boundaries, offset, own, context, raw, windows, seen);
                    boundaries.clear();
                    groupStart = -1;
                    groupEnd = -1;
                }
            }
            groupStart = groupStart < 0 ? ws : Math.min(groupStart, ws);
            groupEnd = Math.max(groupEnd, we);
            boundaries.add(b);
        }
        if (groupStart >= 0) {
            scanWindow(joined, groupStart, groupEnd, boundaries, offset, own, context, raw, windows, seen);
        }
    }

    /**
     * Chars looked at on each side of a boundary by default: longer than the values that can be split with
     * whitespace inside them (grouped card numbers, names, addresses, a keyword and its value, a spaced-out key);
     * values without whitespace are covered by extending to the whole token ({@link #windowStart}).
     */
    static final int JOIN_SIDE = 256;
    /** The most a side is extended to (a PEM key or a long token fits). */
    static final int JOIN_WINDOW = 4096;
    /** Context kept before an extended token: the keyword a credential rule needs ("api_key = "). */
    static final int JOIN_CONTEXT = 64;
    /** Boundaries this close (or closer than their windows reach) share one scanned window. */
    static final int GROUP_CHARS = 1024;
    private static final String PEM_BEGIN = "-----BEGIN";
    private static final String PEM_END = "-----END";

    /**
     * Where the window before boundary {@code b} starts: {@link #JOIN_SIDE} chars back, moved back (up to
     * {@link #JOIN_WINDOW}) to the start of a token the edge cuts, less {@link #JOIN_CONTEXT}, and to the
     * {@code -----BEGIN} of a PEM or armoured block still open at {@code b}.
     */
    static int windowStart(String joined, int b, boolean pem) {
        int lo = Math.max(0, b - JOIN_WINDOW);
        int ws = Math.max(lo, b - JOIN_SIDE);
        if (ws > lo && !Character.isWhitespace(joined.charAt(ws - 1)) && !Character.isWhitespace(joined.charAt(ws))) {
            int r = ws;
            while (r > lo && !Character.isWhitespace(joined.charAt(r - 1))) {
                r--;
            }
            ws = Math.max(lo, r - JOIN_CONTEXT);
        }
        int begin = pem ? openBlock(joined, lo, b) : -1;
        return begin >= 0 ? Math.min(ws, begin) : ws;
    }

    /**
     * Where the window after boundary {@code b} ends: {@link #JOIN_SIDE} chars on, moved on (up to
     * {@link #JOIN_WINDOW}) to the end of a token the edge cuts, and to the end of the {@code -----END} line
     * of a PEM block open at {@code b}. {@code pem}: whether the text holds a {@code -----BEGIN} at all.
     */
    static int windowEnd(String joined, int b, boolean pem) {
        int hi = Math.min(joined.length(), b + JOIN_WINDOW);
        int we = Math.min(hi, b + JOIN_SIDE);
        while (we < hi && we > 0 && !Character.isWhitespace(joined.charAt(we - 1))
                && !Character.isWhitespace(joined.charAt(we))) {
            we++;
        }
        int begin = pem ? openBlock(joined, Math.max(0, b - JOIN_WINDOW), b) : -1;
        if (begin >= 0) {
            int close = closeOf(joined, begin, hi);
            we = Math.max(we, close < 0 ? hi : Math.min(hi, close));
        }
        return we;
    }

    /**
     * The start of the last {@code -----BEGIN} that starts in [lo, b) and whose {@code -----END ...-----} line
     * does not end before {@code b} (the boundary may cut either marker), or -1.
     */
    private static int openBlock(String joined, int lo, int b) {
        int begin = -1;
        for (int i = b - 1; i >= lo; i--) {
            if (joined.charAt(i) == '-' && joined.startsWith(PEM_BEGIN, i)) {
                begin = i;
                break;
            }
        }
        if (begin < 0) {
            return -1;
        }
        int close = closeOf(joined, begin, b);
        return close >= 0 && close <= b ? -1 : begin;
    }

    /** Where the {@code -----END ...-----} line of the block at {@code begin} ends, if it starts before {@code to}. */
    private static int closeOf(String joined, int begin, int to) {
        int end = indexOf(joined, PEM_END, begin, to);
        int close = end < 0 ? -1 : indexOf(joined, "-----", end + PEM_END.length(), Math.min(joined.length(), to + 5));
        return close < 0 ? -1 : close + 5;
    }

    /** The first {@code needle} starting in [from, to), or -1; reads no further than {@code to} + its length. */
    private static int indexOf(String s, String needle, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == needle.charAt(0) && s.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    /** How many times an encoded run inside an encoded run is decoded again. */
    static final int MAX_DECODE_DEPTH = 2;

    /**
     * A value may run across the boundary before part k: not a line break on either side, nor whitespace on
     * both (a value with spaces, such as a grouped card number, may be split at one of them).
     */
    private static boolean gluedAt(List<String> parts, int k, int[] offset) {
        String before = null;
        for (int j = k - 1; j >= 0 && before == null; j--) {
            if (parts.get(j) != null && !parts.get(j).isEmpty()) {
                before = parts.get(j);
            }
        }
        String after = parts.get(k);
        if (before == null || after == null || after.isEmpty()) {
            return false;
        }
        char b = before.charAt(before.length() - 1);
        char a = after.charAt(0);
        if (b == '\n' || b == '\r' || a == '\n' || a == '\r') {
            return false;
        }
        return !Character.isWhitespace(b) || !Character.isWhitespace(a);
    }

    /** Scans joined[from, to) and hands each finding across one of the boundaries to the parts it covers. */
    private void scanWindow(CharSequence joined, int from, int to, List<Integer> boundaries, int[] offset,
            List<List<Finding>> own, ScanContext context, List<List<Finding>> raw, WindowScans windows,
            java.util.Set<Finding> seen) {
        List<Finding> found = windows.findings(joined.subSequence(from, to).toString(), window -> {
            List<Finding> r = new ArrayList<>(4);
            collect(window, context, 0, r);
            return r;
        });
        for (Finding f : found) {
            int s = f.start() + from;
            int e = f.end() + from;
            boolean crosses = false;
            for (int b : boundaries) {
                crosses |= s < b && b < e;
            }
            // windows of neighbouring groups overlap: a value across boundaries of both is handed on once
            if (!crosses || runsOn(f, s, e, offset, own)
                    || !seen.add(new Finding(s, e, f.type(), f.rule(), f.confidence()))) {
                continue;
            }
            for (int k = 0; k + 1 < offset.length; k++) {
                int ps = Math.max(s, offset[k]);
                int pe = Math.min(e, offset[k + 1]);
                if (pe > ps) {
                    raw.get(k).add(new Finding(ps - offset[k], pe - offset[k], f.type(), f.rule(), f.confidence()));
                }
            }
        }
    }

    /**
     * Whether the piece of [s, e) in some part overlaps a finding of the same type that part has on its own.
     * Only for values with soft edges (e-mail local parts, names, numbers): a credential has a fixed shape,
     * and a half of a split key that still matches on its own is the split key, not a run-on.
     */
    private static boolean runsOn(Finding f, int s, int e, int[] offset, List<List<Finding>> own) {
        if (f.type().startsWith("SECRET.")) {
            return false;
        }
        for (int k = 0; k + 1 < offset.length; k++) {
            int ps = Math.max(s, offset[k]) - offset[k];
            int pe = Math.min(e, offset[k + 1]) - offset[k];
            if (pe <= ps) {
                continue;
            }
            for (Finding o : own.get(k)) {
                if (o.type().equals(f.type()) && o.start() < pe && ps < o.end()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Adds the raw findings of {@code text} in its offsets: the detectors over the normalised view, over the
     * joined view (spaced-out and wrapped values, {@link JoinedView}) where they span a join, and over the
     * decoded text of base64 and hex runs ({@link EncodedRuns}, reported as the whole run), recursively.
     */
    private void collect(String text, ScanContext context, int depth, List<Finding> raw) {
        ScanText st = ScanText.of(text, context);
        // decoded runs are read for credentials and structured PII; names are not hidden in base64
        run(st, raw, null, depth > 0);
        for (JoinedView.Joined joined : JoinedView.of(st)) {
            run(joined.view(), raw, joined, true);
        }
        if (depth < MAX_DECODE_DEPTH) {
            EncodedRuns.find(st, (start, end, decoded) -> {
                List<Finding> inner = new ArrayList<>(2);
                collect(decoded, context, depth + 1, inner);
                if (inner.isEmpty()) {
                    return;
                }
                int s = st.originalStart(start);
                int e = st.originalEnd(end);
                for (Finding f : inner) {
                    if (e > s) {
                        raw.add(new Finding(s, e, f.type(), f.rule(), f.confidence()));
                    }
                }
            });
        }
    }

    private void run(ScanText st, List<Finding> raw, JoinedView.Joined joined, boolean skipNames) {
        FindingSink sink = (start, end, type, rule, confidence) -> {
            if (joined != null && !joined.crossesJoin(start, end)) {
                return;
            }
            int s = st.originalStart(start);
            int e = st.originalEnd(end);
            if (e > s) {
                raw.add(new Finding(s, e, type, rule, confidence));
            }
        };
        ScanContext context = st.context();
        for (Detector d : detectors) {
            if (skipNames && d.id().equals(NAMES)) {
                continue;
            }
            context.check();
            d.detect(st, sink);
        }
    }

    /**
     * Person names are not looked for in the joined view (joining words is what makes names) nor in decoded
     * runs (a name model per decoded JWT part costs more than it finds).
     */
    private static final String NAMES = "pii.person";

    /**
     * Keeps the winner of every overlapping group; returns the survivors sorted by start. O(n log n): findings
     * are taken best first ({@link #rank}: precedence, then the longer, then the more confident, then the
     * earlier; a stable sort), and each is kept unless a kept one overlaps
     * it, which is asked of a Fenwick tree over the findings' distinct starts holding the greatest end of the
     * kept findings at each start: a kept finding overlaps [s, e) exactly when it starts before e and ends
     * after s, so the greatest end among kept findings starting before e decides. No boxing, one wrapper per
     * finding; a handful of findings (the common case) is checked against the kept list directly.
     */
    public static List<Finding> resolveOverlaps(List<Finding> raw) {
        return resolveOverlaps(raw, null);
    }

    /** Up to this many findings, each is compared with the kept ones directly (at most n^2 / 2 tests). */
    private static final int SMALL = 16;

    /** A finding with its sort keys computed once (the type's precedence is a string test). */
    private static final class Ranked {
        final Finding f;
        final int precedence;
        final int length;
        final double confidence;
        final int start;
        final int end;
        final boolean region;

        Ranked(Finding f) {
            this.f = f;
            this.precedence = FindingTypes.precedence(f.type());
            this.length = f.length();
            this.confidence = f.confidence();
            this.start = f.start();
            this.end = f.end();
            this.region = FindingTypes.isRegion(f.type());
        }
    }

    /** Best first: lower precedence, longer, more confident, earlier start (ties keep their input order). */
    private static int rank(Ranked a, Ranked b) {
        if (a.precedence != b.precedence) {
            return Integer.compare(a.precedence, b.precedence);
        }
        if (a.length != b.length) {
            return Integer.compare(b.length, a.length);
        }
        int c = Double.compare(b.confidence, a.confidence);
        return c != 0 ? c : Integer.compare(a.start, b.start);
    }

    /** As {@link #resolveOverlaps(List)}, counting in {@code steps[0]} the comparisons and span lookups made. */
    static List<Finding> resolveOverlaps(List<Finding> raw, long[] steps) {
        int n = raw.size();
        if (n <= 1) {
            return n == 0 ? List.of() : List.of(raw.get(0));
        }
        Ranked[] byRank = new Ranked[n];
        for (int k = 0; k < n; k++) {
            byRank[k] = new Ranked(raw.get(k));
        }
        java.util.Arrays.sort(byRank, steps == null ? Scanner::rank : (a, b) -> {
            steps[0]++;
            return rank(a, b);
        });
        List<Finding> kept = new ArrayList<>(n);
        List<Finding> regions = new ArrayList<>(0);
        if (n <= SMALL) {
            int[] ks = new int[n];
            int[] ke = new int[n];
            int count = 0;
            for (Ranked r : byRank) {
                if (r.region) {
                    regions.add(r.f);
                    continue;
                }
                boolean overlaps = false;
                for (int k = 0; k < count && !overlaps; k++) {
                    overlaps = ks[k] < r.end && r.start < ke[k];
                }
                if (steps != null) {
                    steps[0] += count;
                }
                if (!overlaps) {
                    ks[count] = r.start;
                    ke[count] = r.end;
                    count++;
                    kept.add(r.f);
                }
            }
        } else {
            int[] starts = new int[n];
            int m = 0;
            for (Ranked r : byRank) {
                if (!r.region) {
                    starts[m++] = r.start;
                }
            }
            java.util.Arrays.sort(starts, 0, m);
            if (steps != null) {
                steps[0] += (long) m * (32 - Integer.numberOfLeadingZeros(m)); // the sort of the starts
            }
            int distinct = 0;
            for (int k = 0; k < m; k++) {
                if (distinct == 0 || starts[distinct - 1] != starts[k]) {
                    starts[distinct++] = starts[k];
                }
            }
            // tree[i] (1-based): the greatest end of kept findings whose start index lies in (i - lowbit(i), i]
            int[] tree = new int[distinct + 1];
            java.util.Arrays.fill(tree, -1);
            long work = 0;
            for (Ranked r : byRank) {
                if (r.region) {
                    regions.add(r.f);
                    continue;
                }
                int before = lowerBound(starts, distinct, r.end); // starts < end: indices [0, before)
                work += 32 - Integer.numberOfLeadingZeros(distinct);
                int most = -1;
                for (int i = before; i > 0; i -= i & -i) {
                    most = Math.max(most, tree[i]);
                    work++;
                }
                if (most > r.start) {
                    continue;
                }
                int at = lowerBound(starts, distinct, r.start) + 1;
                work += 32 - Integer.numberOfLeadingZeros(distinct);
                for (int i = at; i <= distinct; i += i & -i) {
                    tree[i] = Math.max(tree[i], r.end);
                    work++;
                }
                kept.add(r.f);
            }
            if (steps != null) {
                steps[0] += work;
            }
        }
        kept.addAll(regions);
        kept.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
        return List.copyOf(kept);
    }

    /** The number of the first {@code n} sorted values that are less than {@code key}. */
    private static int lowerBound(int[] sorted, int n, int key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
