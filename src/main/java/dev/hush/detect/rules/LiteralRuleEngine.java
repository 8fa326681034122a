package dev.hush.detect.rules;

import dev.hush.detect.AhoCorasick;
import dev.hush.detect.FindingSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The default engine. One case-insensitive Aho–Corasick pass finds every rule keyword and every literal the
 * rules' patterns require ({@link PatternFacts}); a region opened by keyword hits is then searched only when
 * all of its rule's required literals occur inside it, and the regex is tried only at the positions where a
 * match can start: the hits of the literals every match starts with, or else the characters it can start
 * with. Each regex attempt is the same {@code lookingAt} the JDK's own search makes at that position, so the
 * findings equal {@link WindowedRuleEngine}'s; what is skipped is the work that cannot succeed.
 */
final class LiteralRuleEngine extends RuleEngine {
    private final KeywordAutomaton index;
    /** The automaton's patterns: the keywords, then the required literals no keyword spells (lower case). */
    private final List<String> automatonPatterns;
    /** Per automaton pattern: its keyword id and its literal id, or -1. */
    private final int[] keywordOf;
    private final int[] literalOf;
    private final int[] literalLength;
    /** Per rule: factors of required literal ids (one of each must occur), or empty. */
    private final int[][][] gates;
    /** Per rule: literal ids one of which every match starts with, or null. */
    private final int[][] startLiterals;
    /** Per rule: chars a match can start with (index 128 = any non-ASCII), or null = any. */
    private final boolean[][] firstChars;
    private final boolean[] caret;
    /** Per rule: chars that may precede a match start after position 0 (index 128 = any non-ASCII), or null = any. */
    private final boolean[][] before;
    /** Per rule: char sets of a match's fixed-width head, position by position. */
    private final boolean[][][] heads;
    /** Per rule: literal ids one of which starts at most anchorOffsets[r] chars into every match, or null. */
    private final int[][] anchors;
    private final int[] anchorOffsets;
    private final int[] anchorSkips;
    private final boolean[][] anchorGaps;
    /** Per rule: what must follow the end of the anchor hit a match holds, or null. */
    private final ValueShape[] valueShapes;
    /** Per rule: the JDK pattern whose starts can be chosen, or null (other engines search whole regions). */
    private final JdkRulePattern[] jdk;
    /** Per-thread scan state of the last engines each thread used (not a ThreadLocal per engine: see OwnerScratch). */
    private static final OwnerScratch<LiteralRuleEngine, Scan> SCANS = new OwnerScratch<>(e -> e.new Scan());
    /** Hyperscan's per-rule match ends, a further gate on every region and start; null = pure Java. */
    private final HyperscanPrefilter prefilter;

    LiteralRuleEngine(List<CompiledRule> rules) {
        this(rules, false);
    }

    /** With {@code hyperscan}, regions without a Hyperscan report for their rule are skipped, too. */
    LiteralRuleEngine(List<CompiledRule> rules, boolean hyperscan) {
        super(rules);
        this.prefilter = hyperscan ? new HyperscanPrefilter(this.rules) : null;
        int count = this.rules.length;
        Map<String, Integer> ids = new HashMap<>();
        List<String> strings = new ArrayList<>();
        List<Integer> kwOf = new ArrayList<>();
        List<Integer> litOf = new ArrayList<>();
        for (int k = 0; k < keywords.size(); k++) {
            ids.put(keywords.get(k), strings.size());
            strings.add(keywords.get(k));
            kwOf.add(k);
            litOf.add(-1);
        }
        Map<String, Integer> literalIds = new HashMap<>();
        List<Integer> lengths = new ArrayList<>();
        gates = new int[count][][];
        startLiterals = new int[count][];
        firstChars = new boolean[count][];
        caret = new boolean[count];
        before = new boolean[count][];
        heads = new boolean[count][][];
        anchors = new int[count][];
        anchorOffsets = new int[count];
        anchorSkips = new int[count];
        anchorGaps = new boolean[count][];
        valueShapes = new ValueShape[count];
        jdk = new JdkRulePattern[count];
        for (int r = 0; r < count; r++) {
            RulePattern p = this.rules[r].pattern;
            PatternFacts facts = PatternFacts.of(p.regex());
            List<int[]> factors = new ArrayList<>();
            for (Set<String> f : facts.required) {
                factors.add(literalIds(f, ids, strings, kwOf, litOf, literalIds, lengths));
            }
            gates[r] = factors.toArray(new int[0][]);
            if (p instanceof JdkRulePattern j && !facts.unknown) {
                jdk[r] = j;
                caret[r] = facts.caret;
                before[r] = facts.before;
                firstChars[r] = facts.firstChars;
                heads[r] = facts.head;
                if (facts.startLiterals != null) {
                    startLiterals[r] = literalIds(facts.startLiterals, ids, strings, kwOf, litOf, literalIds, lengths);
                }
                if (facts.anchor != null) {
                    anchors[r] = literalIds(facts.anchor, ids, strings, kwOf, litOf, literalIds, lengths);
                    anchorOffsets[r] = facts.anchorOffset;
                    anchorSkips[r] = facts.anchorSkip;
                    anchorGaps[r] = facts.anchorGap;
                    valueShapes[r] = facts.valueShape;
                }
                if (facts.firstChars == null && facts.startLiterals == null) {
                    jdk[r] = null; // a match may be empty: every position is a candidate, let the JDK search
                }
            }
        }
        this.automatonPatterns = List.copyOf(strings);
        this.index = strings.isEmpty() ? null : KeywordAutomaton.of(strings);
        this.keywordOf = kwOf.stream().mapToInt(Integer::intValue).toArray();
        this.literalOf = litOf.stream().mapToInt(Integer::intValue).toArray();
        this.literalLength = lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] literalIds(Set<String> literals, Map<String, Integer> ids, List<String> strings,
            List<Integer> kwOf, List<Integer> litOf, Map<String, Integer> literalIds, List<Integer> lengths) {
        int[] out = new int[literals.size()];
        int i = 0;
        for (String lit : literals) {
            Integer lid = literalIds.get(lit);
            if (lid == null) {
                lid = lengths.size();
                literalIds.put(lit, lid);
                lengths.add(lit.length());
                Integer pid = ids.get(lit);
                if (pid == null) {
                    ids.put(lit, strings.size());
                    strings.add(lit);
                    kwOf.add(-1);
                    litOf.add(lid);
                } else {
                    litOf.set(pid, lid);
                }
            }
            out[i++] = lid;
        }
        return out;
    }

    @Override
    String name() {
        return prefilter == null ? "literals" : "hyperscan";
    }

    /** The Hyperscan prefilter, or null on the pure-Java path. */
    HyperscanPrefilter prefilter() {
        return prefilter;
    }

    @Override
    void close() {
        if (prefilter != null) {
            prefilter.close();
        }
    }

    /** The automaton's patterns, by id (for tests and probes). */
    List<String> automatonPatterns() {
        return automatonPatterns;
    }

    /** The automaton, or null when no rule has a keyword or literal (for tests and probes). */
    KeywordAutomaton automaton() {
        return index;
    }

    /** Distinct literals the automaton looks for beside the keywords (for logs and benchmarks). */
    int literalCount() {
        return literalLength.length;
    }

    @Override
    void detect(String text, FindingSink sink) {
        Scan scan = SCANS.of(this);
        scan.begin(text, sink);
        try {
            if (index != null) {
                index.search(text, scan);
            }
            for (int r : keywordless) {
                scan.find(r, 0, text.length());
            }
            scan.windows.run(scan);
        } finally {
            scan.end();
        }
    }

    /** Per-thread state of one scan: literal hits, keyword regions, reusable matchers. */
    private final class Scan implements AhoCorasick.MatchHandler, KeywordWindows.Jobs {
        final KeywordWindows windows = new KeywordWindows(rules, rulesByKeyword);
        /** Per literal: starts of its hits in ascending order. */
        final int[][] hits = new int[literalLength.length][];
        final int[] hitCount = new int[literalLength.length];
        int[] hitLiterals = new int[16];
        int hitLiteralCount;
        final Matcher[] matchers = new Matcher[rules.length];
        /** Scan number each matcher was last bound to the text in. */
        final int[] matcherScan = new int[rules.length];
        int scanNumber;
        int[] usedMatchers = new int[16];
        int usedMatcherCount;
        int[] candidates = new int[16];
        /** Per rule: its anchor literals' hits merged, (start << 32 | end) ascending, built on first use in a scan. */
        final long[][] anchorHits = new long[rules.length][];
        final int[] anchorHitCount = new int[rules.length];
        final int[] anchorHitScan = new int[rules.length];
        /** The last gap run canStart walked: rule, scan, and [gapFrom, gapKnown) all gap chars. */
        int gapRule = -1;
        int gapScan;
        int gapFrom;
        int gapKnown;
        /** (rule << 32 | start) of attempts that failed whatever the region's end; cleared per scan. */
        final LongSet failed = new LongSet();
        String text;
        FindingSink sink;
        HyperscanPrefilter.Reports reports;

        void begin(String t, FindingSink s) {
            text = t;
            sink = s;
            reports = prefilter == null ? null : prefilter.scan(t);
            scanNumber++;
            windows.reset(t.length());
        }

        void end() {
            for (int i = 0; i < hitLiteralCount; i++) {
                hitCount[hitLiterals[i]] = 0;
            }
            hitLiteralCount = 0;
            for (int i = 0; i < usedMatcherCount; i++) {
                matchers[usedMatchers[i]].reset(""); // drop the reference to the text
            }
            usedMatcherCount = 0;
            failed.clear();
            text = null;
            sink = null;
            reports = null;
        }

        @Override
        public void onMatch(int pid, int s, int e) {
            int lit = literalOf[pid];
            if (lit >= 0) {
                int c = hitCount[lit];
                int[] h = hits[lit];
                if (h == null) {
                    h = hits[lit] = new int[8];
                } else if (c == h.length) {
                    h = hits[lit] = Arrays.copyOf(h, c * 2);
                }
                if (c == 0) {
                    if (hitLiteralCount == hitLiterals.length) {
                        hitLiterals = Arrays.copyOf(hitLiterals, hitLiteralCount * 2);
                    }
                    hitLiterals[hitLiteralCount++] = lit;
                }
                h[c] = s;
                hitCount[lit] = c + 1;
            }
            int kw = keywordOf[pid];
            if (kw >= 0) {
                windows.onKeyword(kw, s, e);
            }
        }

        /** True when literal {@code lit} has a hit lying within [from, to). */
        private boolean occurs(int lit, int from, int to) {
            int c = hitCount[lit];
            if (c == 0) {
                return false;
            }
            int i = firstAtOrAfter(hits[lit], c, from);
            return i < c && hits[lit][i] + literalLength[lit] <= to;
        }

        private boolean gateOpen(int r, int from, int to) {
            for (int[] factor : gates[r]) {
                boolean any = false;
                for (int lit : factor) {
                    if (occurs(lit, from, to)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        }

        private Matcher matcher(int r) {
            Matcher m = matchers[r];
            if (m != null && matcherScan[r] == scanNumber) {
                return m;
            }
            if (m == null) {
                m = matchers[r] = jdk[r].matcher(text);
            } else {
                m.reset(text);
            }
            matcherScan[r] = scanNumber;
            if (usedMatcherCount == usedMatchers.length) {
                usedMatchers = Arrays.copyOf(usedMatchers, usedMatcherCount * 2);
            }
            usedMatchers[usedMatcherCount++] = r;
            return m;
        }

        /** Sorted, distinct starts in [from, last] of rule r's start literals (and 0 where ^ may match). */
        private int collectStarts(int r, int from, int last) {
            int n = 0;
            if (caret[r] && from == 0) {
                candidates[n++] = 0;
            }
            for (int lit : startLiterals[r]) {
                int c = hitCount[lit];
                int[] h = hits[lit];
                for (int i = c == 0 ? 0 : firstAtOrAfter(h, c, from); i < c && h[i] <= last; i++) {
                    if (n == candidates.length) {
                        candidates = Arrays.copyOf(candidates, n * 2);
                    }
                    candidates[n++] = h[i];
                }
            }
            if (startLiterals[r].length > 1 || caret[r]) {
                Arrays.sort(candidates, 0, n);
            }
            return n;
        }

        /** False when no match of rule r can start at s and end by {@code to}: its head or anchor is missing. */
        private boolean canStart(int r, int s, int to) {
            if (s == 0 && caret[r]) {
                return true;
            }
            return headFits(r, s, to) && anchorFits(r, s, to);
        }

        /**
         * False when the chars at s cannot begin rule r's match: the char before s is not one its opening
         * {@code \b} allows, or its first char or fixed head is missing.
         */
        private boolean headFits(int r, int s, int to) {
            String t = text;
            boolean[] pre = before[r];
            char c;
            if (pre != null && s > 0) {
                c = t.charAt(s - 1);
                if (!pre[c < 128 ? c : 128]) {
                    return false;
                }
            }
            boolean[] first = firstChars[r];
            c = t.charAt(s);
            if (first != null && !first[c < 128 ? c : 128]) {
                return false;
            }
            boolean[][] head = heads[r];
            for (int k = 0; k < head.length; k++) {
                int i = s + k;
                if (i >= to) {
                    return false;
                }
                c = t.charAt(i);
                if (Character.isSurrogate(c)) {
                    break; // one regex position is two chars from here on
                }
                if (!head[k][c < 128 ? c : 128]) {
                    return false;
                }
            }
            return true;
        }

        /** False when no hit of rule r's anchor lies in reach of s (only gap chars before it) and ends by to. */
        private boolean anchorFits(int r, int s, int to) {
            int[] anchor = anchors[r];
            if (anchor == null) {
                return true;
            }
            String t = text;
            char c;
            // the anchor starts after the head, and only gap chars lie before it
            int from = s + anchorSkips[r];
            int last = Math.min(s + anchorOffsets[r], to - 1);
            boolean[] gap = anchorGaps[r];
            int q = from;
            // the starts of one region are tried in ascending order and share the gap run they lie in:
            // [gapFrom, gapKnown) is known to hold only gap chars of this rule
            if (gapRule == r && gapScan == scanNumber && from >= gapFrom && from <= gapKnown) {
                q = Math.min(gapKnown, last);
            } else {
                gapRule = r;
                gapScan = scanNumber;
                gapFrom = from;
                gapKnown = from;
            }
            while (q < last) {
                c = t.charAt(q);
                if (!gap[c < 128 ? c : 128]) {
                    break;
                }
                q++;
            }
            if (q > gapKnown) {
                gapKnown = q;
            }
            last = q;
            if (anchorHitScan[r] != scanNumber) {
                mergeAnchorHits(r, anchor);
            }
            long[] ah = anchorHits[r];
            int n = anchorHitCount[r];
            ValueShape shape = valueShapes[r];
            for (int i = firstAtOrAfter(ah, n, (long) from << 32); i < n && (int) (ah[i] >>> 32) <= last; i++) {
                if ((int) ah[i] <= to && (shape == null || shape.fits(t, (int) ah[i], to))) {
                    return true;
                }
            }
            return false;
        }

        private void mergeAnchorHits(int r, int[] anchor) {
            int total = 0;
            for (int lit : anchor) {
                total += hitCount[lit];
            }
            long[] ah = anchorHits[r];
            if (ah == null || ah.length < total) {
                ah = anchorHits[r] = new long[Math.max(8, total)];
            }
            int n = 0;
            for (int lit : anchor) {
                int[] h = hits[lit];
                for (int i = 0, c = hitCount[lit]; i < c; i++) {
                    ah[n++] = (long) h[i] << 32 | (h[i] + literalLength[lit]);
                }
            }
            if (anchor.length > 1) {
                Arrays.sort(ah, 0, n);
            }
            anchorHitCount[r] = n;
            anchorHitScan[r] = scanNumber;
        }

        @Override
        public void find(int r, int from, int to) {
            if (reports != null && !reports.endIn(r, from, to) || !gateOpen(r, from, to)) {
                return;
            }
            CompiledRule rule = rules[r];
            String t = text;
            FindingSink out = sink;
            if (jdk[r] == null) {
                rule.pattern.find(t, from, to, rule.secretGroup, (a, b, c, d) -> report(rule, t, a, b, c, d, out));
                return;
            }
            Matcher m = null;
            int pos = from;
            if (startLiterals[r] != null || anchors[r] != null) {
                // Sorted candidate starts: from the rule's start literals, else read back from its anchor hits.
                boolean anchored = startLiterals[r] == null;
                int n = anchored ? anchoredStarts(r, from, to - 1, to) : collectStarts(r, from, to - 1);
                for (int i = 0; i < n; i++) {
                    int s = candidates[i];
                    if (s < pos || !candidateFits(anchored, r, s, to)) {
                        continue;
                    }
                    if (m == null) {
                        m = matcher(r);
                    }
                    int e = tryAt(m, r, rule, s, to);
                    if (e >= 0) {
                        pos = e > s ? e : s + 1;
                    }
                }
                return;
            }
            for (int s = pos; s < to; s++) {
                if (!canStart(r, s, to)) {
                    continue;
                }
                if (m == null) {
                    m = matcher(r);
                }
                int e = tryAt(m, r, rule, s, to);
                if (e >= 0) {
                    s = (e > s ? e : s + 1) - 1;
                }
            }
        }

        /** Whether candidate start s may begin rule r: its anchor's head fits there, or its start facts hold. */
        private boolean candidateFits(boolean anchored, int r, int s, int to) {
            return anchored ? s == 0 && caret[r] || headFits(r, s, to) : canStart(r, s, to);
        }

        /**
         * Sorted, distinct starts in [from, last] that rule r's anchor admits, exactly those canStart's anchor
         * check accepts (0 too where ^ may match): s lies in [a - anchorOffset, a - anchorSkip] of a hit a
         * ending by {@code to}, with only gap chars in [s + anchorSkip, a), and after whose end the rule's value
         * shape fits. Read backwards from each hit once,
         * so a region's starts cost its anchor hits, not one check per char.
         */
        private int anchoredStarts(int r, int from, int last, int to) {
            if (anchorHitScan[r] != scanNumber) {
                mergeAnchorHits(r, anchors[r]);
            }
            int n = 0;
            int next = from; // every start below it is emitted (or cannot be)
            if (caret[r] && from == 0 && last >= 0) {
                candidates[n++] = 0;
                next = 1;
            }
            long[] ah = anchorHits[r];
            int count = anchorHitCount[r];
            int offset = anchorOffsets[r];
            int skip = anchorSkips[r];
            boolean[] gap = anchorGaps[r];
            ValueShape shape = valueShapes[r];
            String t = text;
            for (int i = firstAtOrAfter(ah, count, (long) (from + skip) << 32); i < count; i++) {
                int a = (int) (ah[i] >>> 32);
                if (a - offset > last) {
                    break; // later hits start later still
                }
                if ((int) ah[i] > to) {
                    continue;
                }
                int hi = Math.min(a - skip, last);
                int lo = Math.max(a - offset, next);
                int g = a;
                while (g > lo + skip) {
                    char c = t.charAt(g - 1);
                    if (!gap[c < 128 ? c : 128]) {
                        break;
                    }
                    g--;
                }
                lo = Math.max(lo, g - skip);
                if (lo > hi || shape != null && !shape.fits(t, (int) ah[i], to)) {
                    continue; // no start here, or no value can follow this hit: its starts need another hit
                }
                if (n + hi - lo + 1 > candidates.length) {
                    candidates = Arrays.copyOf(candidates, Math.max(candidates.length * 2, n + hi - lo + 1));
                }
                for (int s = lo; s <= hi; s++) {
                    candidates[n++] = s;
                }
                next = hi + 1;
            }
            return n;
        }

        @Override
        public int matchFrom(int r, int firstStart, int lastStart, int to) {
            int last = Math.min(lastStart, to - 1);
            if (firstStart > last || reports != null && !reports.endIn(r, firstStart, to)
                    || !gateOpen(r, firstStart, to)) {
                return -1;
            }
            CompiledRule rule = rules[r];
            if (jdk[r] == null) {
                String t = text;
                FindingSink out = sink;
                return rule.pattern.matchFrom(t, firstStart, lastStart, to, rule.secretGroup,
                        (a, b, c, d) -> report(rule, t, a, b, c, d, out));
            }
            Matcher m = null;
            if (startLiterals[r] != null || anchors[r] != null) {
                boolean anchored = startLiterals[r] == null;
                int n = anchored ? anchoredStarts(r, firstStart, last, to) : collectStarts(r, firstStart, last);
                for (int i = 0; i < n; i++) {
                    int s = candidates[i];
                    if (!candidateFits(anchored, r, s, to)) {
                        continue;
                    }
                    if (m == null) {
                        m = matcher(r);
                    }
                    int e = tryAt(m, r, rule, s, to);
                    if (e >= 0) {
                        return Math.max(e, s + 1);
                    }
                }
                return -1;
            }
            for (int s = firstStart; s <= last; s++) {
                if (canStart(r, s, to)) {
                    if (m == null) {
                        m = matcher(r);
                    }
                    int e = tryAt(m, r, rule, s, to);
                    if (e >= 0) {
                        return Math.max(e, s + 1);
                    }
                }
            }
            return -1;
        }

        /** The JDK's own attempt at one start position; reports a match and returns its end, or -1. */
        private int tryAt(Matcher m, int r, CompiledRule rule, int s, int to) {
            if (reports != null && !reports.endIn(r, s, to)) {
                return -1; // no match can start here: none ends after s
            }
            long key = (long) r << 32 | s;
            if (failed.contains(key)) {
                return -1;
            }
            m.region(s, to);
            if (!m.lookingAt()) {
                // Failed without reading the region's end: no region gives another outcome (bounds are
                // transparent and non-anchoring, so only consumption stops there), and the overlapping
                // region of the rule's next keyword hit need not try this start again.
                if (!m.hitEnd()) {
                    failed.add(key);
                }
                return -1;
            }
            String t = text;
            FindingSink out = sink;
            JdkRulePattern.visit(m, rule.secretGroup, (a, b, c, d) -> report(rule, t, a, b, c, d, out));
            return m.end();
        }
    }

    /** Open-addressing set of non-negative longs; {@link #clear} costs only what was added. */
    static final class LongSet {
        private long[] slots = new long[64];
        private int size;

        LongSet() {
            Arrays.fill(slots, -1);
        }

        boolean contains(long key) {
            int mask = slots.length - 1;
            for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
                long v = slots[i];
                if (v == key) {
                    return true;
                }
                if (v < 0) {
                    return false;
                }
            }
        }

        void add(long key) {
            if ((size + 1) * 2 > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                Arrays.fill(slots, -1);
                size = 0;
                for (long v : old) {
                    if (v >= 0) {
                        add(v);
                    }
                }
            }
            int mask = slots.length - 1;
            for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
                long v = slots[i];
                if (v == key) {
                    return;
                }
                if (v < 0) {
                    slots[i] = key;
                    size++;
                    return;
                }
            }
        }

        void clear() {
            if (size > 0) {
                if (slots.length > 4096) {
                    slots = new long[64]; // a long text's table is not kept for the short ones after it
                }
                Arrays.fill(slots, -1);
                size = 0;
            }
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ h >>> 32);
        }
    }

    /** Index of the first element {@code >= key} in the sorted prefix a[0..n). */
    private static int firstAtOrAfter(long[] a, int n, long key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first element {@code >= key} in the sorted prefix a[0..n). */
    private static int firstAtOrAfter(int[] a, int n, int key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
