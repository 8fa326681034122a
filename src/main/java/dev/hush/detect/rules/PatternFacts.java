package dev.hush.detect.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every match of a java.util.regex pattern must look like, read from the pattern's text: the literals
 * it must contain (each factor a set of alternatives, lower-cased), the literals one of which it must start
 * with, and the characters it can start with. Every fact is a sound over-approximation of the JDK engine's
 * behaviour (case-insensitive literals, ASCII-only case folding as the JDK does without UNICODE_CASE); a
 * construct the reader does not know makes the whole pattern {@link #UNKNOWN}, which gates nothing.
 *
 * <p>Start facts hold for matches starting at a position {@code > 0}: there {@code ^} (no MULTILINE) cannot
 * match. A pattern that uses {@code ^} is always also tried at position 0 ({@link #caret}).
 */
final class PatternFacts {
    /** Factors whose shortest alternative is shorter than this gate too little to pay for their hits. */
    static final int MIN_LITERAL = 2;
    private static final int MAX_SET = 256;

    /** Positions a match's head is checked over at most (a few array reads per candidate start). */
    static final int MAX_SEQ = 64;

    static final PatternFacts UNKNOWN = new PatternFacts(List.of(), null, null, false, true, new boolean[0][], null, 0, 0, null, null,
            null);

    /** Every match contains, for each factor, one of its literals (lower case; the text is case-folded). */
    final List<Set<String>> required;
    /** Every match starting after position 0 starts with one of these (lower case), or null. */
    final Set<String> startLiterals;
    /** Chars 0..127 a match after position 0 can start with, plus bit 128 for any other char; null = any. */
    final boolean[] firstChars;
    /** The pattern uses {@code ^}: position 0 is always a candidate start. */
    final boolean caret;
    final boolean unknown;
    /** The char sets of a match's first chars, position by position (fixed-width head only). */
    final boolean[][] head;
    /** Every match starting at s has one of these literals starting within [s, s + anchorOffset]; or null. */
    final Set<String> anchor;
    final int anchorOffset;
    /** The anchor starts at or after s + anchorSkip, and every char from there to it is in anchorGap. */
    final int anchorSkip;
    final boolean[] anchorGap;
    /** What follows the end of the anchor literal a match holds (its value run), or null: nothing worth checking. */
    final ValueShape valueShape;
    /**
     * Chars 0..127 that may lie just before a match starting after position 0, plus bit 128 for any other char;
     * null = any. Read from the zero-width opening of the pattern: a {@code \b} before a word (or non-word) char.
     */
    final boolean[] before;

    private PatternFacts(List<Set<String>> required, Set<String> startLiterals, boolean[] firstChars, boolean caret,
            boolean unknown, boolean[][] head, Set<String> anchor, int anchorOffset, int anchorSkip, boolean[] anchorGap,
            ValueShape valueShape, boolean[] before) {
        this.before = before;
        this.required = required;
        this.startLiterals = startLiterals;
        this.firstChars = firstChars;
        this.caret = caret;
        this.unknown = unknown;
        this.head = head;
        this.anchor = anchor;
        this.anchorOffset = anchorOffset;
        this.anchorSkip = anchorSkip;
        this.anchorGap = anchorGap;
        this.valueShape = valueShape;
    }

    /** While the build writes {@link PatternFactsCache}'s file: every pattern worked out, with its facts; else null. */
    private static volatile Map<String, PatternFacts> recording;

    /** The shipped facts file, read on the first pattern asked for. */
    private static final class Shipped {
        static final Map<String, PatternFacts> FACTS = PatternFactsCache.shipped();
    }

    /**
     * Facts of a pattern in the JDK's syntax (RE2's {@code (?P<name>} accepted); UNKNOWN when unsure. The
     * built-in catalogue's come from the file the build wrote ({@link PatternFactsCache}), the same facts.
     */
    static PatternFacts of(String pattern) {
        Map<String, PatternFacts> r = recording;
        if (r == null) {
            PatternFacts shipped = Shipped.FACTS.get(pattern);
            if (shipped != null) {
                return shipped;
            }
        }
        PatternFacts f = workedOut(pattern);
        if (r != null) {
            synchronized (r) {
                r.put(pattern, f);
            }
        }
        return f;
    }

    /** Records every pattern {@link #of} works out (and skips the shipped file) until called with null. */
    static void recordInto(Map<String, PatternFacts> into) {
        recording = into;
    }

    /** Facts as read back from {@link PatternFactsCache}'s file. */
    static PatternFacts restored(List<Set<String>> required, Set<String> startLiterals, boolean[] firstChars,
            boolean caret, boolean[][] head, Set<String> anchor, int anchorOffset, int anchorSkip, boolean[] anchorGap,
            ValueShape valueShape, boolean[] before) {
        return new PatternFacts(required, startLiterals, firstChars, caret, false, head, anchor, anchorOffset,
                anchorSkip, anchorGap, valueShape, before);
    }

    /** {@link #of} worked out from the pattern's text, not from the shipped file. */
    static PatternFacts workedOut(String pattern) {
        if (pattern.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
            return UNKNOWN; // the JDK starts such patterns differently (never inside a surrogate pair)
        }
        try {
            Info gate = new Reader(pattern, false).parseAll();
            Info start = new Reader(pattern, true).parseAll();
            List<Set<String>> required = new ArrayList<>();
            for (Set<String> f : gate.allFactors()) {
                if (minLength(f) >= MIN_LITERAL && !required.contains(f)) {
                    required.add(Set.copyOf(f));
                }
            }
            Set<String> starts = start.prefixes != null && !start.prefixes.isEmpty()
                    && minLength(start.prefixes) >= MIN_LITERAL ? Set.copyOf(start.prefixes) : null;
            boolean caret = pattern.contains("^") || pattern.contains("\\A");
            if (start.nullable) {
                return new PatternFacts(List.copyOf(required), null, null, caret, false, new boolean[0][], null, 0, 0, null, null,
                        null);
            }
            Set<String> anchor = start.anchor != null ? Set.copyOf(start.anchor) : null;
            ValueShape shape = anchor != null && start.tail.gates() ? start.tail : null;
            return new PatternFacts(List.copyOf(required), starts, start.first, caret, false,
                    start.seq.toArray(new boolean[0][]), anchor, start.anchorOffset, start.anchorSkip, start.anchorGap,
                    shape, start.before);
        } catch (Unsupported e) {
            return UNKNOWN;
        }
    }

    static int minLength(Set<String> s) {
        int m = Integer.MAX_VALUE;
        for (String x : s) {
            m = Math.min(m, x.length());
        }
        return m;
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Facts of one sub-expression. Its char-set arrays are never written once they are in an Info (every set is
     * filled while still local), so nodes share them: the empty set below, and a union that adds nothing returns
     * its input. A catalogue's facts were 1.5 GB of fresh arrays at every start before (docs/benchmarks.md).
     */
    private static final class Info {
        /** The empty char set, shared read-only. */
        static final boolean[] NONE = new boolean[129];
        static final ValueShape NO_LEAD = ValueShape.open(NONE, 0);

        boolean nullable;
        boolean[] first = NONE;
        /** Every string the node can match (lower case), when few; null otherwise; empty = cannot match. */
        Set<String> exact;
        /** Every match starts with one of these; {""} = nothing known. */
        Set<String> prefixes = Set.of("");
        List<Set<String>> factors = new ArrayList<>();
        /** Cannot match at all ({@code ^} after position 0). */
        boolean never;
        /** Char sets of the first positions of every match; complete = the node is exactly this wide. */
        List<boolean[]> seq = new ArrayList<>();
        boolean seqComplete;
        /** Longest match, or -1 when unbounded. */
        int maxWidth;
        /** Every match has one of these literals starting at most anchorOffset chars after its start. */
        Set<String> anchor;
        int anchorOffset;
        /** Chars that can lie between the match's first anchorSkip chars (its fixed head) and the anchor. */
        boolean[] anchorGap;
        int anchorSkip;
        /** Every char the node can contain. */
        boolean[] chars = NONE;
        /** Every match opens with this many chars of a fixed-width prefix; afterHead holds the chars after them. */
        int headWidth;
        boolean[] afterHead;
        /** What every match opens with: a bounded or unbounded prefix, then perhaps a long value run. */
        ValueShape lead = NO_LEAD;
        /** What follows the anchor's end inside this node (when the anchor is set). */
        ValueShape tail;
        /** Chars that may precede a match of this node (see {@link PatternFacts#before}); null = any. */
        boolean[] before;
        /** A zero-width node holding a {@code \b} whose side depends on the char after it (set on \b chains only). */
        boolean boundary;

        /** Chars a match can hold after its fixed-width prefix. */
        boolean[] afterHead() {
            return headWidth == 0 ? chars : afterHead;
        }

        /** A node whose exact strings are long enough is its own anchor. */
        Info anchorOnExact() {
            if (exact != null && !exact.isEmpty() && minLength(exact) >= MIN_LITERAL) {
                anchor = exact;
                anchorOffset = 0;
                anchorGap = NONE;
                anchorSkip = 0;
                tail = NO_LEAD;
            }
            return this;
        }

        /** The gap chars from the start of this node's anchor search, head included. */
        boolean[] fullGap() {
            return anchorSkip == 0 ? anchorGap : union(anchorGap, chars);
        }

        boolean fixedWidth() {
            return seqComplete && maxWidth == seq.size();
        }

        List<Set<String>> allFactors() {
            List<Set<String>> all = new ArrayList<>(factors);
            if (exact != null && !exact.isEmpty()) {
                all.add(exact);
            }
            return all;
        }

        static Info empty() {
            Info i = new Info();
            i.nullable = true;
            i.exact = Set.of("");
            i.seqComplete = true;
            return i;
        }

        /** {@code \b}: which char may precede depends on what follows ({@link #boundaryBefore}). */
        static Info wordBoundary() {
            Info i = empty();
            i.boundary = true;
            return i;
        }

        static Info fail() {
            Info i = new Info();
            i.exact = Set.of();
            i.prefixes = Set.of();
            i.never = true;
            i.seqComplete = true;
            return i;
        }

        static Info chars(boolean[] set, boolean foldable) {
            Info i = new Info();
            i.lead = ValueShape.open(set, 1);
            i.first = set;
            i.seq.add(set);
            i.seqComplete = true;
            i.maxWidth = 1;
            i.chars = set;
            Set<String> ex = new LinkedHashSet<>();
            if (!set[128]) {
                for (int c = 0; c < 128 && ex.size() <= 4; c++) {
                    if (set[c]) {
                        ex.add(String.valueOf((char) Character.toLowerCase(c)));
                    }
                }
            }
            if (!set[128] && ex.size() <= 4 && foldable) {
                i.exact = ex;
                i.prefixes = ex;
            }
            return i.anchorOnExact();
        }

        Info then(Info b) {
            if (never || b.never) {
                return fail();
            }
            Info r = new Info();
            if (maxWidth == 0) {
                // zero width: this node and b start at the same position, so both constraints hold
                r.before = intersect(intersect(before, b.before), boundary ? boundaryBefore(b) : null);
                r.boundary = (boundary || b.boundary) && b.maxWidth == 0;
            } else {
                r.before = before;
            }
            r.nullable = nullable && b.nullable;
            r.first = union(first, nullable ? b.first : null);
            r.maxWidth = maxWidth < 0 || b.maxWidth < 0 ? -1 : maxWidth + b.maxWidth;
            r.chars = union(chars, b.chars);
            r.lead = lead.then(b.lead);
            r.seq.addAll(seq);
            r.seqComplete = seqComplete;
            if (seqComplete) {
                r.seq.addAll(b.seq);
                r.seqComplete = b.seqComplete;
                trimSeq(r);
            }
            if (fixedWidth()) {
                r.headWidth = maxWidth + b.headWidth;
                r.afterHead = b.afterHead();
            } else if (headWidth > 0) {
                r.headWidth = headWidth;
                r.afterHead = union(afterHead, b.chars);
            }
            if (anchor != null) {
                r.anchor = anchor;
                r.anchorOffset = anchorOffset;
                r.anchorGap = anchorGap;
                r.anchorSkip = anchorSkip;
                r.tail = tail.then(b.lead);
            } else if (maxWidth >= 0 && b.anchor != null) {
                r.anchor = b.anchor;
                r.tail = b.tail;
                r.anchorOffset = maxWidth + b.anchorOffset;
                if (fixedWidth()) {
                    // this node is the fixed head: the head check covers it, the gap starts after it
                    r.anchorSkip = maxWidth + b.anchorSkip;
                    r.anchorGap = b.anchorGap;
                } else if (headWidth > 0) {
                    // a fixed head (`(?:^|[^a-z])` after position 0), then a variable part: the gap starts after
                    // the head and holds the variable part's chars, not the head's
                    r.anchorSkip = headWidth;
                    r.anchorGap = union(afterHead, b.fullGap());
                } else {
                    r.anchorSkip = 0;
                    r.anchorGap = union(chars, b.fullGap());
                }
            }
            Set<String> cross = exact != null && b.exact != null ? cross(exact, b.exact) : null;
            if (cross != null) {
                r.exact = cross;
                r.prefixes = cross;
                return r.anchorOnExact();
            }
            if (exact != null) {
                Set<String> p = cross(exact, b.prefixes);
                r.prefixes = p != null ? p : exact;
            } else {
                r.prefixes = prefixes;
            }
            r.factors.addAll(allFactors());
            r.factors.addAll(b.allFactors());
            return r;
        }

        Info or(Info b) {
            if (never) {
                return b;
            }
            if (b.never) {
                return this;
            }
            Info r = new Info();
            r.before = before == null || b.before == null ? null : union(before, b.before);
            r.nullable = nullable || b.nullable;
            r.first = union(first, b.first);
            r.maxWidth = maxWidth < 0 || b.maxWidth < 0 ? -1 : Math.max(maxWidth, b.maxWidth);
            int common = Math.min(seq.size(), b.seq.size());
            for (int k = 0; k < common; k++) {
                r.seq.add(union(seq.get(k), b.seq.get(k)));
            }
            r.seqComplete = seqComplete && b.seqComplete && seq.size() == b.seq.size();
            r.chars = union(chars, b.chars);
            ValueShape whole = ValueShape.open(r.chars, r.maxWidth);
            r.lead = lead.or(b.lead, whole);
            if (anchor != null && b.anchor != null && anchor.size() + b.anchor.size() <= MAX_SET) {
                r.anchor = new LinkedHashSet<>(anchor);
                r.anchor.addAll(b.anchor);
                r.tail = tail.or(b.tail, whole);
                r.anchorOffset = Math.max(anchorOffset, b.anchorOffset);
                if (anchorSkip == b.anchorSkip) {
                    r.anchorSkip = anchorSkip;
                    r.anchorGap = union(anchorGap, b.anchorGap);
                } else {
                    r.anchorSkip = 0;
                    r.anchorGap = union(fullGap(), b.fullGap());
                }
            }
            if (exact != null && b.exact != null && exact.size() + b.exact.size() <= MAX_SET) {
                r.exact = new LinkedHashSet<>(exact);
                r.exact.addAll(b.exact);
                r.prefixes = r.exact;
                return r.anchorOnExact();
            }
            Set<String> p = new LinkedHashSet<>(prefixes);
            p.addAll(b.prefixes);
            r.prefixes = p.size() <= MAX_SET ? p : Set.of("");
            Set<String> fa = best();
            Set<String> fb = b.best();
            if (fa != null && fb != null && fa.size() + fb.size() <= MAX_SET) {
                Set<String> f = new LinkedHashSet<>(fa);
                f.addAll(fb);
                r.factors.add(f);
            }
            return r;
        }

        /** The factor with the longest shortest literal: the one an alternation can keep. */
        Set<String> best() {
            if (exact != null) {
                return exact.isEmpty() ? Set.of() : (minLength(exact) > 0 ? exact : null);
            }
            Set<String> b = null;
            for (Set<String> f : factors) {
                if (b == null || minLength(f) > minLength(b)) {
                    b = f;
                }
            }
            return b;
        }

        Info repeat(int min, int max) {
            Info r = new Info();
            r.before = min >= 1 ? before : null; // the first repetition opens the match, unless skipped
            r.first = first;
            r.chars = chars;
            r.maxWidth = max == 0 ? 0 : max < 0 || maxWidth < 0 ? -1 : maxWidth * max;
            ValueShape whole = ValueShape.open(chars, r.maxWidth);
            r.lead = whole;
            if (min == 0) {
                r.nullable = true;
                r.seqComplete = max == 0;
                if (max == 1 && exact != null) {
                    r.exact = new LinkedHashSet<>(exact);
                    r.exact.add("");
                }
                return r;
            }
            if (never) {
                return fail();
            }
            r.nullable = nullable;
            r.seqComplete = seqComplete && min == max;
            for (int k = 0; k < min && r.seq.size() < MAX_SEQ; k++) {
                r.seq.addAll(seq);
                if (!seqComplete) {
                    break;
                }
            }
            trimSeq(r);
            r.anchor = anchor;
            r.anchorOffset = anchorOffset;
            r.anchorGap = anchorGap;
            r.anchorSkip = anchorSkip;
            if (lead.complete()) {
                r.lead = lead; // the first repetition opens every match
            } else if (maxWidth == 1 && seqComplete && seq.size() == 1 && !nullable) {
                r.lead = ValueShape.run(chars, min); // a run of one class: the value
            }
            if (anchor != null) {
                // later repetitions follow the anchor of the first; a run inside one repetition still holds
                r.tail = max == 1 || tail.complete() ? tail : whole;
            }
            if (exact != null && min == max && min <= 4) {
                Set<String> e = exact;
                for (int k = 1; k < min && e != null; k++) {
                    e = cross(e, exact);
                }
                if (e != null) {
                    r.exact = e;
                    r.prefixes = e;
                    return r.anchorOnExact();
                }
            }
            r.prefixes = exact != null ? exact : prefixes;
            r.factors.addAll(allFactors());
            return r;
        }

        private static void trimSeq(Info r) {
            if (r.seq.size() > MAX_SEQ) {
                r.seq = new ArrayList<>(r.seq.subList(0, MAX_SEQ));
                r.seqComplete = false;
            }
        }

        private static Set<String> cross(Set<String> a, Set<String> b) {
            if ((long) a.size() * b.size() > MAX_SET) {
                return null;
            }
            Set<String> out = new LinkedHashSet<>();
            for (String x : a) {
                for (String y : b) {
                    out.add(x + y);
                }
            }
            return out;
        }

        /**
         * What a {@code \b} requires before a match of {@code b} that follows it: when b always opens with an ASCII
         * word char, no ASCII word char; with an ASCII non-word char, an ASCII word char (or any non-ASCII char,
         * whose word-ness differs between JDK versions). Null when b may be empty or opens with either kind.
         */
        private static boolean[] boundaryBefore(Info b) {
            if (b.nullable || b.first[128]) {
                return null;
            }
            boolean word = false;
            boolean other = false;
            for (int c = 0; c < 128; c++) {
                if (b.first[c]) {
                    if (isAsciiWord(c)) {
                        word = true;
                    } else {
                        other = true;
                    }
                }
            }
            if (word == other) {
                return null;
            }
            boolean[] set = new boolean[129];
            for (int c = 0; c < 128; c++) {
                set[c] = isAsciiWord(c) != word;
            }
            set[128] = true;
            return set;
        }

        private static boolean isAsciiWord(int c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
        }

        /** Null = any char. */
        private static boolean[] intersect(boolean[] a, boolean[] b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            boolean[] x = new boolean[a.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = a[i] && b[i];
            }
            return x;
        }

        /** a ∪ b (b null: a), a fresh array only when the union differs from both. */
        private static boolean[] union(boolean[] a, boolean[] b) {
            return b == null ? a : ValueShape.union(a, b);
        }
    }

    /** Recursive-descent reader of the pattern syntax the catalogue uses. */
    private static final class Reader {
        private static final java.util.regex.Pattern FOLDING_FLAG =
                java.util.regex.Pattern.compile("\\(\\?[a-zA-Z-]*i[a-zA-Z-]*[:)]");
        private final String p;
        private final boolean startMode;
        private int i;
        private boolean ci;

        Reader(String pattern, boolean startMode) {
            this.p = pattern;
            this.startMode = startMode;
            // any (?i...) anywhere folds the whole pattern: wider than the JDK's scoping, so still sound
            this.ci = FOLDING_FLAG.matcher(pattern).find();
        }

        Info parseAll() {
            Info r = alternation();
            if (i != p.length()) {
                throw new Unsupported("unbalanced at " + i);
            }
            return r;
        }

        private Info alternation() {
            Info r = concat();
            while (i < p.length() && p.charAt(i) == '|') {
                i++;
                r = r.or(concat());
            }
            return r;
        }

        private Info concat() {
            Info r = Info.empty();
            Info run = null; // consecutive exact parts, joined first so that `[a-z]{0,40}key` keeps "key" whole
            while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
                Info q = quantified();
                if (q.exact != null && !q.never) {
                    run = run == null ? q : run.then(q);
                    continue;
                }
                if (run != null) {
                    r = r.then(run);
                    run = null;
                }
                r = r.then(q);
            }
            return run == null ? r : r.then(run);
        }

        private Info quantified() {
            Info a = atom();
            while (i < p.length()) {
                char c = p.charAt(i);
                int min;
                int max;
                if (c == '*') {
                    min = 0;
                    max = -1;
                    i++;
                } else if (c == '+') {
                    min = 1;
                    max = -1;
                    i++;
                } else if (c == '?') {
                    min = 0;
                    max = 1;
                    i++;
                } else if (c == '{' && i + 1 < p.length() && Character.isDigit(p.charAt(i + 1))) {
                    int close = p.indexOf('}', i);
                    if (close < 0) {
                        throw new Unsupported("brace");
                    }
                    String[] parts = p.substring(i + 1, close).split(",", -1);
                    min = Integer.parseInt(parts[0]);
                    max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
                    i = close + 1;
                } else {
                    break;
                }
                if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
                    i++; // lazy or possessive: the same strings can match
                }
                a = a.repeat(min, max);
            }
            return a;
        }

        private Info atom() {
            char c = p.charAt(i);
            switch (c) {
                case '(':
                    return group();
                case '[':
                    return Info.chars(charClass(), true);
                case '.': {
                    i++;
                    return Info.chars(all(), false);
                }
                case '^':
                    i++;
                    return startMode ? Info.fail() : Info.empty();
                case '$':
                    i++;
                    return Info.empty();
                case '\\':
                    return escape();
                default:
                    i++;
                    return literal(c);
            }
        }

        private Info group() {
            i++;
            if (p.startsWith("?:", i)) {
                i += 2;
            } else if (p.startsWith("?P<", i) || (p.startsWith("?<", i) && i + 2 < p.length()
                    && Character.isLetter(p.charAt(i + 2)))) {
                int close = p.indexOf('>', i);
                if (close < 0) {
                    throw new Unsupported("group name");
                }
                i = close + 1;
            } else if (p.startsWith("?", i)) {
                // inline flags: (?i) or (?i:...)
                int j = i + 1;
                while (j < p.length() && p.charAt(j) != ')' && p.charAt(j) != ':') {
                    char f = p.charAt(j);
                    if (f != '-' && f != 'i' && f != 's') {
                        throw new Unsupported("flag " + f);
                    }
                    j++;
                }
                if (j >= p.length()) {
                    throw new Unsupported("flags");
                }
                i = j + 1;
                if (p.charAt(j) == ')') {
                    return Info.empty();
                }
            }
            Info inner = alternation();
            if (i >= p.length() || p.charAt(i) != ')') {
                throw new Unsupported("unclosed group");
            }
            i++;
            return inner;
        }

        private Info literal(char c) {
            if (c >= 128 || Character.isSurrogate(c)) {
                return Info.chars(nonAscii(), false);
            }
            boolean[] set = new boolean[129];
            addChar(set, c);
            return Info.chars(set, true);
        }

        private void addChar(boolean[] set, int c) {
            if (c >= 128) {
                set[128] = true;
                return;
            }
            set[c] = true;
            if (ci && Character.isLetter(c)) {
                set[Character.toLowerCase(c)] = true;
                set[Character.toUpperCase(c)] = true;
            }
        }

        private Info escape() {
            if (i + 1 >= p.length()) {
                throw new Unsupported("trailing backslash");
            }
            char e = p.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'b':
                    return Info.wordBoundary();
                case 'B':
                    return Info.empty();
                case 'A':
                    return startMode ? Info.fail() : Info.empty();
                case 'z':
                case 'Z':
                    return Info.empty();
                case 'd': case 'D': case 'w': case 'W': case 's': case 'S': case 'p': case 'P':
                    i -= 2;
                    boolean[] set = new boolean[129];
                    classEscape(set);
                    return Info.chars(set, false);
                default:
                    i -= 2;
                    int ch = escapedChar();
                    return ch < 128 ? literal((char) ch) : Info.chars(nonAscii(), false);
            }
        }

        /** A single-char escape at i (backslash included); returns the char and moves past it. */
        private int escapedChar() {
            char e = p.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n':
                    return '\n';
                case 't':
                    return '\t';
                case 'r':
                    return '\r';
                case 'f':
                    return '\f';
                case 'e':
                    return 0x1B;
                case 'a':
                    return 7;
                case 'x': {
                    if (i < p.length() && p.charAt(i) == '{') {
                        int close = p.indexOf('}', i);
                        int v = Integer.parseInt(p.substring(i + 1, close), 16);
                        i = close + 1;
                        return v;
                    }
                    int v = Integer.parseInt(p.substring(i, i + 2), 16);
                    i += 2;
                    return v;
                }
                case 'u': {
                    int v = Integer.parseInt(p.substring(i, i + 4), 16);
                    i += 4;
                    return v;
                }
                default:
                    if (Character.isLetterOrDigit(e)) {
                        throw new Unsupported("escape \\" + e);
                    }
                    return e;
            }
        }

        /** \d \w \s \p{..} and their negations, at i; adds to set. */
        private void classEscape(boolean[] set) {
            char e = p.charAt(i + 1);
            i += 2;
            boolean[] s = new boolean[129];
            switch (Character.toLowerCase(e)) {
                case 'd':
                    for (int c = '0'; c <= '9'; c++) {
                        s[c] = true;
                    }
                    break;
                case 'w':
                    for (int c = 0; c < 128; c++) {
                        s[c] = Character.isLetterOrDigit(c) || c == '_';
                    }
                    break;
                case 's':
                    for (char c : new char[] {' ', '\t', '\n', 0x0B, '\f', '\r'}) {
                        s[c] = true;
                    }
                    break;
                default: { // \p{..}: any char, soundly
                    if (i < p.length() && p.charAt(i) == '{') {
                        i = p.indexOf('}', i) + 1;
                    } else {
                        i++;
                    }
                    java.util.Arrays.fill(set, true);
                    return;
                }
            }
            boolean negate = Character.isUpperCase(e);
            for (int c = 0; c < 128; c++) {
                if (s[c] != negate) {
                    set[c] = true;
                }
            }
            if (negate) {
                set[128] = true;
            }
        }

        private boolean[] charClass() {
            i++;
            boolean negate = false;
            if (i < p.length() && p.charAt(i) == '^') {
                negate = true;
                i++;
            }
            boolean[] set = new boolean[129];
            boolean firstItem = true;
            while (true) {
                if (i >= p.length()) {
                    throw new Unsupported("unclosed class");
                }
                char c = p.charAt(i);
                if (c == ']' && !firstItem) {
                    i++;
                    break;
                }
                firstItem = false;
                if (c == '[' || (c == '&' && p.startsWith("&&", i))) {
                    throw new Unsupported("nested class");
                }
                int lo;
                if (c == '\\') {
                    char e = i + 1 < p.length() ? p.charAt(i + 1) : 0;
                    if ("dDwWsSpP".indexOf(e) >= 0) {
                        classEscape(set);
                        continue;
                    }
                    lo = escapedChar();
                } else {
                    lo = c;
                    i++;
                    if (Character.isSurrogate(c)) {
                        set[128] = true;
                        continue;
                    }
                }
                if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                    i++;
                    int hi;
                    if (p.charAt(i) == '\\') {
                        hi = escapedChar();
                    } else {
                        hi = p.charAt(i++);
                    }
                    for (int x = lo; x <= hi && x < 128; x++) {
                        addChar(set, x);
                    }
                    if (hi >= 128) {
                        set[128] = true;
                    }
                } else {
                    addChar(set, lo);
                }
            }
            if (negate) {
                boolean[] n = new boolean[129];
                for (int c = 0; c < 128; c++) {
                    n[c] = !set[c];
                }
                n[128] = true;
                return n;
            }
            return set;
        }

        private static boolean[] all() {
            boolean[] a = new boolean[129];
            java.util.Arrays.fill(a, true);
            return a;
        }

        private static boolean[] nonAscii() {
            boolean[] a = new boolean[129];
            a[128] = true;
            return a;
        }
    }

    @Override
    public String toString() {
        return unknown ? "unknown" : "required=" + required + " starts=" + startLiterals + " caret=" + caret;
    }

    /** Lower-case form used for literals (ASCII folding only, like the automaton). */
    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
