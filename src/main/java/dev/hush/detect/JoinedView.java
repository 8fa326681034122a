package dev.hush.detect;

/**
 * A second view of a text in which a value broken up to hide it is put back together: the single
 * separators inside it are removed. Three shapes are joined, chosen so that prose and code are not:
 * <ul>
 *   <li><b>spaced out</b>: eight or more single characters separated by single spaces
 *       ({@code g h p _ 8 s K 2 ...}); prose never has eight one-letter words in a row;</li>
 *   <li><b>soft breaks</b>: an NBSP-like space or a line/paragraph separator (U+2028/2029) between two
 *       visible characters ({@link ScanText#softBreaks}); ordinary text uses plain spaces and newlines;</li>
 *   <li><b>wrapped</b>: a token that ends its line continued by tokens that start the next lines, each made of
 *       key characters (letters, digits, {@code +/=_-.}), the inner lines of one width, the whole holding
 *       letters and digits and at least 16 characters long ({@code AKIAIOSF\nODNN7EXA\nMPLE});
 *       prose lines hold spaces, and words broken across lines hold no digits.</li>
 * </ul>
 * The {@link Scanner} runs the detectors over this view too and keeps only findings that span a removed
 * separator (the rest were found in the ordinary view already), so the view can add a disguised value but
 * never a finding the ordinary view would not explain.
 */
final class JoinedView {
    static final int MIN_SPACED = 8;
    /** Context kept on each side of the joins: room for a rule's keyword before the value and the value itself. */
    static final int CONTEXT = 512;
    static final int MIN_WRAPPED = 16;
    /** Width of a wrapped line (and the least of a first piece): wrapping happens at a column, not after a word. */
    static final int MIN_WRAP_CHUNK = 12;
    static final int MIN_FIRST_PIECE = 8;

    private JoinedView() {
    }

    /**
     * The joined view of {@code st}, or null when nothing in it is joined. Join points are the positions in
     * the view where a separator was removed (between view chars p-1 and p).
     */
    static java.util.List<Joined> of(ScanText st) {
        String s = st.normalized();
        int n = s.length();
        boolean[] drop = null;
        int dropped = 0;
        int[] soft = st.softBreaks();
        if (soft != null) {
            // inside a token the break is the disguise; beside other whitespace it adds nothing
            drop = new boolean[n];
            for (int p : soft) {
                drop[p] = true;
                dropped++;
            }
        }
        st.charge(n);
        // spaced out: x y z ... (single visible chars separated by single spaces); only a space can start one
        int sp = s.indexOf(' ');
        while (sp > 0 && sp + 1 < n) {
            // a run of MIN_SPACED singles from sp - 1 covers [sp - 1, sp + 2 * MIN_SPACED - 3], and no two
            // neighbours in a run are both visible: when the last two of that span are, no run starts at
            // this space or at any up to them (their runs would cover both too), so most of prose is skipped
            int q = sp + 2 * MIN_SPACED - 4;
            if (q + 1 < n && !Character.isWhitespace(s.charAt(q)) && !Character.isWhitespace(s.charAt(q + 1))) {
                sp = s.indexOf(' ', q + 2);
                continue;
            }
            int i = sp - 1;
            // cheap test first: "x y" needs whitespace two after the space (most spaces start a word)
            char after2 = sp + 2 < n ? s.charAt(sp + 2) : ' ';
            if ((after2 != ' ' && after2 != '\n' && s.charAt(sp + 1) != ' ') || !singleAt(s, i)
                    || !(singleAt(s, sp + 1) || s.startsWith("   ", sp))) {
                sp = s.indexOf(' ', sp + 1);
                continue;
            }
            int k = i;
            int count = 1;
            while (true) {
                if (k + 2 < n && s.charAt(k + 1) == ' ' && singleAt(s, k + 2)) {
                    k += 2;
                    count++;
                } else if (k + 4 < n && s.startsWith("   ", k + 1) && singleAt(s, k + 4)) {
                    k += 4; // three spaces between spaced-out characters stand for one space of the value
                    count++;
                } else {
                    break;
                }
            }
            if (count >= MIN_SPACED) {
                if (drop == null) {
                    drop = new boolean[n];
                }
                for (int p = i + 1; p < k; p++) {
                    if (s.charAt(p) == ' ' && !(s.charAt(p - 1) == ' ' && s.charAt(p + 1) == ' ')) {
                        drop[p] = true;
                        dropped++;
                    }
                }
            }
            sp = s.indexOf(' ', Math.max(k + 1, sp + 1));
        }
        // wrapped over lines
        int i = 0;
        while (i < n) {
            int nl = s.indexOf('\n', i);
            if (nl < 0) {
                break;
            }
            // a wrapped value has visible characters on both sides of the line break
            if (nl == 0 || nl + 1 >= n || Character.isWhitespace(s.charAt(nl + 1))
                    || (s.charAt(nl - 1) != '\r' && Character.isWhitespace(s.charAt(nl - 1)))) {
                i = nl + 1;
                continue;
            }
            // an armoured block (PEM, PGP) is wrapped by its format and read whole by its rule: skip its body
            if (nl >= 5 && s.startsWith("-----", nl - 5 - (s.charAt(nl - 1) == '\r' ? 1 : 0)) && armourHeader(s, nl)) {
                int endLine = s.indexOf("-----END", nl);
                i = endLine < 0 ? n : endLine;
                st.charge(i - nl);
                continue;
            }
            // three or more lines of one width: any visible characters (connection strings, URLs); two lines:
            // key characters only
            int first = chunkStartBefore(s, nl, true);
            int end = first < 0 ? -(nl + 1) - 1 : wrapEnd(s, first, nl, true);
            int narrowFirst = chunkStartBefore(s, nl, false);
            if (end < 0 && narrowFirst >= 0) {
                int narrow = wrapEnd(s, narrowFirst, nl, false);
                first = narrowFirst;
                end = narrow >= 0 ? narrow : -Math.max(-end - 1, -narrow - 1) - 1;
            }
            if (end < 0) {
                // resume at the line where the walk stopped: every line is walked a bounded number of times
                i = Math.max(nl + 1, -end - 1);
                continue;
            }
            if (end > 0) {
                if (drop == null) {
                    drop = new boolean[n];
                }
                for (int p = first; p < end; p++) {
                    char c = s.charAt(p);
                    if (c == '\n' || c == '\r') {
                        drop[p] = true;
                        dropped++;
                    }
                }
                i = end;
            } else {
                i = nl + 1;
            }
        }
        if (drop == null) {
            return java.util.List.of();
        }
        // only the stretches around the joins are rebuilt and rescanned: a join adds a value there, not elsewhere
        java.util.List<Joined> out = new java.util.ArrayList<>(1);
        int p = 0;
        while (p < n) {
            if (!drop[p]) {
                p++;
                continue;
            }
            int last = p;
            int q = p + 1;
            while (q < n && q - last <= 2 * CONTEXT) {
                if (drop[q]) {
                    last = q;
                }
                q++;
            }
            out.add(build(st, drop, Math.max(0, p - CONTEXT), Math.min(n, last + 1 + CONTEXT)));
            p = last + 1;
        }
        return out;
    }

    /** A visible character standing alone between spaces (or the text's edges). */
    private static boolean singleAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c) || Character.isSurrogate(c)) {
            return false;
        }
        boolean before = i == 0 || Character.isWhitespace(s.charAt(i - 1));
        boolean after = i + 1 == s.length() || Character.isWhitespace(s.charAt(i + 1));
        return before && after;
    }

    /** Characters of keys and their encodings ('=' only as padding at the very end, so "KEY=value" lines stay apart). */
    private static boolean isKeyChar(char c, boolean broad) {
        if (broad) {
            return !Character.isWhitespace(c) && c != '\u00A0';
        }
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '+' || c == '/'
                || c == '_' || c == '-' || c == '.' || c == '@' || c == '%';
    }

    /** Start of the key-character token that ends right at the line break {@code nl} (optionally before '\r'). */
    private static int chunkStartBefore(String s, int nl, boolean broad) {
        int e = nl > 0 && s.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        int b = e;
        while (b > 0 && isKeyChar(s.charAt(b - 1), broad)) {
            b--;
        }
        if (e - b < MIN_FIRST_PIECE) {
            return -1;
        }
        return b;
    }

    /**
     * Follows a wrapped value from {@code first} (its first line ends at {@code nl}); returns the end of its last
     * piece when the pieces together look like a wrapped key, else {@code -(where the walk stopped) - 1}.
     */
    private static int wrapEnd(String s, int first, int nl, boolean broad) {
        int n = s.length();
        boolean digit = false;
        boolean letter = false;
        int total = 0;
        int width = -1;
        int pieces = 0;
        int p = first;
        int lineEnd = nl;
        int end = -1;
        int stopped = nl + 1;
        int inner = 0;
        while (true) {
            int e = lineEnd > 0 && s.charAt(lineEnd - 1) == '\r' && lineEnd - 1 >= p ? lineEnd - 1 : lineEnd;
            for (int k = p; k < e; k++) {
                char c = s.charAt(k);
                digit |= c >= '0' && c <= '9';
                letter |= Character.isLetter(c);
            }
            total += e - p;
            pieces++;
            end = e;
            if (lineEnd >= n || s.charAt(lineEnd) != '\n') {
                break;
            }
            // the next line must start with a key token; it continues the value
            int q = lineEnd + 1;
            stopped = q;
            int r = q;
            while (r < n && isKeyChar(s.charAt(r), broad)) {
                r++;
            }
            while (r < n && s.charAt(r) == '=' && r - q < 64) {
                r++; // base64 padding ends the value
            }
            if (r - q < 1) {
                break;
            }
            boolean wholeLine = r == n || s.charAt(r) == '\n' || (s.charAt(r) == '\r' && r + 1 < n && s.charAt(r + 1) == '\n');
            if (!wholeLine) {
                // the last piece: followed by a space or punctuation on its line
                if (!Character.isWhitespace(s.charAt(r)) && ",;)]}\"'".indexOf(s.charAt(r)) < 0) {
                    break;
                }
                if (broad && width < 0) {
                    break; // with any characters allowed, two pieces are not evidence enough
                }
                if (width < 0 && (!(Character.isWhitespace(s.charAt(r)) || ")]}\"'".indexOf(s.charAt(r)) >= 0))) {
                    break; // two pieces: the second must end the value, not start a CSV row ("1,Customer")
                }
                for (int k = q; k < r; k++) {
                    char c = s.charAt(k);
                    digit |= c >= '0' && c <= '9';
                    letter |= Character.isLetter(c);
                }
                if (width < 0 || r - q <= width) {
                    total += r - q;
                    pieces++;
                    end = r;
                }
                break;
            }
            int len = r - q;
            if (width < 0) {
                width = len;
                inner++;
            } else if (len == width) {
                inner++;
            } else {
                // a shorter line ends the value; a longer one is something else
                if (len < width) {
                    for (int k = q; k < r; k++) {
                        char c = s.charAt(k);
                        digit |= c >= '0' && c <= '9';
                        letter |= Character.isLetter(c);
                    }
                    total += len;
                    pieces++;
                    end = r;
                }
                break;
            }
            p = q;
            lineEnd = r < n && s.charAt(r) == '\r' ? r + 1 : r;
        }
        // with any characters allowed, two whole lines of one width must show the wrapping column; with two
        // pieces only, the first must look like the start of a key (a CSV row's last number does not)
        if (pieces == 2 && !mixedAlnum(s, first, nl)) {
            return -stopped - 1;
        }
        if (pieces < 2 || (broad && inner < 2) || total < MIN_WRAPPED || !digit || !letter
                || (width >= 0 && width < MIN_WRAP_CHUNK)) {
            return -stopped - 1;
        }
        return end;
    }

    /** The joined view of the normalised stretch [from, to). */
    /** Does the line ending at {@code nl} (its last 200 chars) hold a "-----BEGIN" armour header? */
    private static boolean armourHeader(String s, int nl) {
        for (int k = nl - 10; k >= 0 && nl - k <= 200 && s.charAt(k) != '\n'; k--) {
            if (s.startsWith("-----BEGIN", k)) {
                return true;
            }
        }
        return false;
    }

    /** Letters and digits both in [from, to). */
    private static boolean mixedAlnum(String s, int from, int to) {
        boolean digit = false;
        boolean letter = false;
        for (int k = from; k < to && !(digit && letter); k++) {
            char c = s.charAt(k);
            digit |= c >= '0' && c <= '9';
            letter |= Character.isLetter(c);
        }
        return digit && letter;
    }

    private static Joined build(ScanText st, boolean[] drop, int from, int to) {
        String s = st.normalized();
        int dropped = 0;
        for (int j = from; j < to; j++) {
            dropped += drop[j] ? 1 : 0;
        }
        st.charge(2L * (to - from));
        int m = to - from - dropped;
        char[] out = new char[m];
        int[] starts = new int[m];
        int[] ends = new int[m];
        int[] joins = new int[dropped];
        int joinCount = 0;
        int k = 0;
        for (int j = from; j < to; j++) {
            if (drop[j]) {
                if (joinCount == 0 || joins[joinCount - 1] != k) {
                    joins[joinCount++] = k;
                }
                continue;
            }
            out[k] = s.charAt(j);
            starts[k] = st.originalStart(j);
            ends[k] = st.originalEnd(j + 1);
            k++;
        }
        ScanText view = ScanText.derived(st.original(), new String(out), starts, ends, st.context());
        return new Joined(view, java.util.Arrays.copyOf(joins, joinCount));
    }

    /** The joined view and its join points (sorted view positions). */
    record Joined(ScanText view, int[] joins) {
        /** Does the view span [start, end) cross a removed separator? */
        boolean crossesJoin(int start, int end) {
            int lo = 0;
            int hi = joins.length - 1;
            // first join > start
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (joins[mid] > start) {
                    found = mid;
                    hi = mid - 1;
                } else {
                    lo = mid + 1;
                }
            }
            return found >= 0 && joins[found] < end;
        }
    }
}
