package dev.hush.detect.edm;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.FindingTypes;
import dev.hush.detect.ScanText;
import dev.hush.detect.SipHash;
import dev.hush.detect.WordTokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reports {@code EDM.<NAME>} when a prompt holds values of one record of an EDM set: at least
 * {@code minFields} different fields of the same row, or one value of a unique column.
 *
 * <p>Cost is linear in the prompt: every run of up to {@code maxTokens} word tokens (longer runs of digit
 * groups, for formatted phones and cards) is a candidate; each is hashed once with the set's keyed hash and
 * looked up in the mapped index. Rows are only enumerated for rare values (at most {@value #RARE_ROWS}
 * rows); a common value (a popular first name, a city) only confirms a row that a rare value proposed, by a
 * binary search in its row-sorted entries. A record whose every matched field is common is therefore not
 * reported, which is the price of never walking millions of rows.
 */
public final class EdmDetector implements Detector {
    static final int RARE_ROWS = 64;
    /** Most separator characters between two tokens of one value ("Smith, John", "(555) 123"). */
    private static final int MAX_GAP = 3;

    private final String id;
    private final String type;
    private final String rule;
    private final EdmIndex index;
    private final SipHash sip;
    private final int minFields;
    private final int uniqueMask;
    private final int maxTokens;
    private final int maxKey;

    public EdmDetector(EdmSetMeta meta, EdmIndex index, SipHash sip, int minFields) {
        this.id = "edm." + meta.name();
        this.type = FindingTypes.EDM + "." + meta.name();
        this.rule = "edm:" + meta.name();
        this.index = index;
        this.sip = sip;
        this.minFields = minFields;
        this.uniqueMask = meta.uniqueMask();
        this.maxTokens = Math.max(1, meta.maxTokens());
        this.maxKey = meta.maxKeyLength();
    }

    @Override
    public String id() {
        return id;
    }

    public int minFields() {
        return minFields;
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        String s = text.lower();
        WordTokens t = WordTokens.of(s);
        int n = t.count();
        if (n == 0) {
            return;
        }
        Matches m = new Matches();
        SipHash.State st = sip.start();
        char[] digits = new char[maxKey + 8];
        for (int i = 0; i < n; i++) {
            st.reset();
            boolean allDigits = true;
            int compact = 0;
            int dlen = 0;
            int spanStart = t.start(i);
            boolean plus = spanStart > 0 && s.charAt(spanStart - 1) == '+';
            boolean joinWords = false;
            for (int j = i; j < n; j++) {
                int ts = t.start(j);
                int te = t.end(j);
                if (j > i) {
                    int gapStart = t.end(j - 1);
                    if (ts - gapStart > MAX_GAP) {
                        break;
                    }
                    boolean wordJoin = joinWords && j - i < maxTokens;
                    boolean digitJoin = t.digits(j) && formattingOnly(s, gapStart, ts);
                    if (!wordJoin && !digitJoin) {
                        break;
                    }
                }
                allDigits &= t.digits(j);
                compact += te - ts;
                if (compact > maxKey + (allDigits ? 6 : 0)) {
                    break;
                }
                st.absorb(s, ts, te);
                if (j == i) {
                    long first = st.finish();
                    joinWords = maxTokens > 1 && index.mightStart(first);
                    if (compact >= EdmKeys.MIN_KEY_LENGTH && !allDigits) {
                        lookup(first, compact, spanStart, te, m);
                        continue;
                    }
                }
                if (allDigits) {
                    for (int k = ts; k < te; k++) {
                        digits[dlen++] = s.charAt(k);
                    }
                    lookupDigits(digits, dlen, plus, plus ? spanStart - 1 : spanStart, te, m);
                } else if (compact >= EdmKeys.MIN_KEY_LENGTH) {
                    lookup(st.finish(), compact, spanStart, te, m);
                }
            }
        }
        if (m.size > 0) {
            report(m, sink);
        }
    }

    private void lookupDigits(char[] d, int len, boolean plus, int start, int end, Matches m) {
        int o1 = EdmKeys.digitKeyStart(d, 0, len, plus);
        if (len - o1 >= EdmKeys.MIN_KEY_LENGTH) {
            lookup(sip.hash(d, o1, len), len - o1, start, end, m);
        }
        if (len >= 10) {
            // the other reading of a calling code: CSVs and people disagree on writing one
            int o2 = EdmKeys.digitKeyStart(d, 0, len, !plus);
            if (o2 != o1) {
                lookup(sip.hash(d, o2, len), len - o2, start, end, m);
            }
            if (!plus && len == 11 && d[0] == '1') {
                int o3 = EdmKeys.digitKeyStart(d, 1, len, false);
                if (o3 != o1 && o3 != o2) {
                    lookup(sip.hash(d, o3, len), len - o3, start, end, m);
                }
            }
        }
    }

    private void lookup(long hash, int keyLength, int start, int end, Matches m) {
        long r = index.find(hash);
        if (r != 0) {
            m.add((int) (r >>> 32), (int) r, start, end, keyLength);
        }
    }

    private static boolean formattingOnly(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/' && c != '\u00a0') {
                return false;
            }
        }
        return true;
    }

    private void report(Matches m, FindingSink sink) {
        Set<Long> emitted = new HashSet<>();
        Map<Integer, List<int[]>> rows = new HashMap<>();
        List<Integer> common = new ArrayList<>();
        for (int k = 0; k < m.size; k++) {
            int lo = m.lo[k];
            int hi = m.hi[k];
            if (minFields <= 1) {
                emit(m.start[k], m.end[k], emitted, sink);
                continue;
            }
            if (hi - lo > RARE_ROWS) {
                common.add(k);
                continue;
            }
            for (int e = lo; e < hi; e++) {
                int rc = index.rowColumn(e);
                int col = rc & (EdmIndex.MAX_COLUMNS - 1);
                if ((uniqueMask & (1 << col)) != 0 && m.keyLength[k] >= EdmKeys.MIN_UNIQUE_LENGTH) {
                    emit(m.start[k], m.end[k], emitted, sink);
                }
                rows.computeIfAbsent(rc >>> EdmIndex.COLUMN_BITS, x -> new ArrayList<>(4))
                        .add(new int[] {col, m.start[k], m.end[k]});
            }
        }
        if (minFields <= 1) {
            return;
        }
        for (Map.Entry<Integer, List<int[]>> row : rows.entrySet()) {
            List<int[]> hits = row.getValue();
            int r = row.getKey();
            for (int k : common) {
                int e = index.findRow(m.lo[k], m.hi[k], r);
                while (e >= 0 && e < m.hi[k] && (index.rowColumn(e) >>> EdmIndex.COLUMN_BITS) == r) {
                    hits.add(new int[] {index.rowColumn(e) & (EdmIndex.MAX_COLUMNS - 1), m.start[k], m.end[k]});
                    e++;
                }
            }
            if (hits.size() < minFields) {
                continue;
            }
            List<int[]> chosen = disjointFields(hits);
            if (chosen.size() >= minFields) {
                for (int[] h : chosen) {
                    emit(h[1], h[2], emitted, sink);
                }
            }
        }
    }

    /**
     * One span per field and no span used twice, longest first: "John Smith" must not count as the full
     * name, the first name and the last name of one row.
     */
    static List<int[]> disjointFields(List<int[]> hits) {
        List<int[]> byLength = new ArrayList<>(hits);
        byLength.sort((a, b) -> Integer.compare(b[2] - b[1], a[2] - a[1]));
        List<int[]> chosen = new ArrayList<>();
        int cols = 0;
        for (int[] h : byLength) {
            if ((cols & (1 << h[0])) != 0) {
                continue;
            }
            boolean overlap = false;
            for (int[] c : chosen) {
                if (h[1] < c[2] && c[1] < h[2]) {
                    overlap = true;
                    break;
                }
            }
            if (!overlap) {
                chosen.add(h);
                cols |= 1 << h[0];
            }
        }
        return chosen;
    }

    private void emit(int start, int end, Set<Long> emitted, FindingSink sink) {
        if (emitted.add(((long) start << 32) | end)) {
            sink.add(start, end, type, rule, 1.0);
        }
    }

    /** Candidate values that exist in the index: entry range, span, key length. */
    private static final class Matches {
        int[] lo = new int[8];
        int[] hi = new int[8];
        int[] start = new int[8];
        int[] end = new int[8];
        int[] keyLength = new int[8];
        int size;

        void add(int l, int h, int s, int e, int k) {
            if (size == lo.length) {
                int cap = size * 2;
                lo = java.util.Arrays.copyOf(lo, cap);
                hi = java.util.Arrays.copyOf(hi, cap);
                start = java.util.Arrays.copyOf(start, cap);
                end = java.util.Arrays.copyOf(end, cap);
                keyLength = java.util.Arrays.copyOf(keyLength, cap);
            }
            lo[size] = l;
            hi[size] = h;
            start[size] = s;
            end[size] = e;
            keyLength[size] = k;
            size++;
        }
    }
}
