package dev.hush.detect.fingerprint;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import dev.hush.detect.SipHash;
import java.util.Arrays;
import java.util.List;

/**
 * Reports {@code CONFIDENTIAL.DOCUMENT} when enough of a prompt comes from one registered document: at
 * least {@code threshold} of the prompt's winnowed fingerprints (and {@code minMatches} of them), or at least
 * {@code minShingles} whatever the share. The rule is {@code fingerprint:<SET>/<document file name>}, so the
 * audit names the document, never the text; the confidence is the share. The span is each region of the prompt
 * covered by matching shingles (nearby matches merged), so the user's own words around a paste are left alone.
 */
public final class DocumentFingerprintDetector implements Detector {
    public static final String TYPE = "CONFIDENTIAL.DOCUMENT";
    /** Matches this many tokens apart or closer belong to one pasted region (winnowing leaves gaps of up to W). */
    private static final int MERGE_GAP = Shingles.K + Shingles.WINDOW;

    private final FingerprintTable table;
    private final String[] rules;
    private final SipHash sip;
    private final double threshold;
    private final int minShingles;
    private final int minMatches;

    /**
     * @param table   fingerprints of all documents; a table's document index selects the rule in {@code rules}
     * @param rules   per document, {@code fingerprint:<SET>/<document>}
     */
    public DocumentFingerprintDetector(FingerprintTable table, List<String> rules, SipHash sip, double threshold,
            int minShingles, int minMatches) {
        this.table = table;
        this.rules = rules.toArray(new String[0]);
        this.sip = sip;
        this.threshold = threshold;
        this.minShingles = minShingles;
        this.minMatches = minMatches;
    }

    @Override
    public String id() {
        return "fingerprint";
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        String lower = text.lower();
        Shingles sh = Shingles.of(lower, sip);
        if (sh.count() == 0) {
            return;
        }
        int[] sel = sh.winnow();
        int total = sel.length;
        // matched selected positions per document; most prompts match nothing and allocate only this
        int[][] matched = null;
        int[] counts = null;
        for (int p : sel) {
            int i = table.first(sh.hash(p));
            if (i < 0) {
                continue;
            }
            if (matched == null) {
                matched = new int[rules.length][];
                counts = new int[rules.length];
            }
            for (; i < table.size() && table.hash(i) == sh.hash(p); i++) {
                int d = table.doc(i);
                if (matched[d] == null) {
                    matched[d] = new int[Math.min(total, 16)];
                }
                if (counts[d] == matched[d].length) {
                    matched[d] = Arrays.copyOf(matched[d], Math.min(total, counts[d] * 2));
                }
                matched[d][counts[d]++] = p;
            }
        }
        if (matched == null) {
            return;
        }
        for (int d = 0; d < rules.length; d++) {
            int c = counts[d];
            if (c == 0) {
                continue;
            }
            double share = (double) c / total;
            if ((share >= threshold && c >= minMatches) || c >= minShingles) {
                reportRegions(sh, matched[d], c, rules[d], Math.min(1.0, share), sink);
            }
        }
    }

    private static void reportRegions(Shingles sh, int[] pos, int n, String rule, double share, FindingSink sink) {
        int from = 0;
        boolean reported = false;
        int bestFrom = 0;
        int bestTo = 1;
        for (int i = 1; i <= n; i++) {
            if (i == n || pos[i] - pos[i - 1] > MERGE_GAP) {
                // a lone match far from the others is more likely a stock phrase than part of the paste
                if (i - from >= 2) {
                    sink.add(sh.start(pos[from]), sh.end(pos[i - 1]), TYPE, rule, share);
                    reported = true;
                }
                if (i - from > bestTo - bestFrom) {
                    bestFrom = from;
                    bestTo = i;
                }
                from = i;
            }
        }
        if (!reported) {
            sink.add(sh.start(pos[bestFrom]), sh.end(pos[bestTo - 1]), TYPE, rule, share);
        }
    }
}
