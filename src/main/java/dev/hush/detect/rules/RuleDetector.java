package dev.hush.detect.rules;

import dev.hush.detect.AhoCorasick;
import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a catalogue of credential rules. One case-insensitive Aho–Corasick pass over the text finds every
 * rule keyword; a rule's pattern then runs only in the windows around its keyword hits (merged), so
 * the cost of a prompt grows with its length and its keyword hits, not with the number of rules.
 */
public final class RuleDetector implements Detector {
    private final String id;
    private final CompiledRule[] rules;
    private final AhoCorasick keywordIndex;
    private final int[][] rulesByKeyword;
    private final int[] keywordless;
    /** Per-thread bookkeeping, reused across scans so a scan allocates no per-rule arrays. */
    private final ThreadLocal<Windows> windows = ThreadLocal.withInitial(Windows::new);

    public RuleDetector(String id, List<CompiledRule> rules) {
        this.id = id;
        this.rules = rules.toArray(new CompiledRule[0]);
        AhoCorasick.Builder b = AhoCorasick.caseInsensitiveBuilder();
        Map<String, Integer> keywordIds = new HashMap<>();
        List<List<Integer>> byKeyword = new ArrayList<>();
        List<Integer> always = new ArrayList<>();
        for (int r = 0; r < this.rules.length; r++) {
            CompiledRule rule = this.rules[r];
            if (rule.keywords.isEmpty()) {
                always.add(r);
                continue;
            }
            for (String k : rule.keywords) {
                Integer kid = keywordIds.get(k);
                if (kid == null) {
                    kid = b.add(k);
                    keywordIds.put(k, kid);
                    byKeyword.add(new ArrayList<>());
                }
                if (!byKeyword.get(kid).contains(r)) {
                    byKeyword.get(kid).add(r);
                }
            }
        }
        this.keywordIndex = keywordIds.isEmpty() ? null : b.build();
        this.rulesByKeyword = new int[byKeyword.size()][];
        for (int k = 0; k < byKeyword.size(); k++) {
            rulesByKeyword[k] = byKeyword.get(k).stream().mapToInt(Integer::intValue).toArray();
        }
        this.keywordless = always.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String id() {
        return id;
    }

    public List<CompiledRule> rules() {
        return List.of(rules);
    }

    @Override
    public void detect(ScanText st, FindingSink sink) {
        String text = st.normalized();
        int n = text.length();
        // the scan budget: every regex run is charged its window before it starts (ScanContext)
        for (int r : keywordless) {
            st.charge(n);
            run(rules[r], text, 0, n, sink);
        }
        if (keywordIndex == null) {
            return;
        }
        Windows w = windows.get().reset(n);
        keywordIndex.search(st, w);
        for (int i = 0; i < w.pendingSize; i += 3) {
            st.charge(w.pending[i + 2] - w.pending[i + 1]);
            run(rules[w.pending[i]], text, w.pending[i + 1], w.pending[i + 2], sink);
        }
        for (int t = 0; t < w.touchedSize; t++) {
            int r = w.touched[t];
            st.charge(w.end[r] - 1 - w.start[r]);
            run(rules[r], text, w.start[r], w.end[r] - 1, sink);
        }
        for (int i = 0; i < w.zoneSize; i += 3) {
            int r = w.zones[i];
            int ks = w.zones[i + 1];
            CompiledRule rule = rules[r];
            int from = Math.max(Math.max(0, ks - rule.windowBefore), w.zoneDone[r]);
            int to = Math.min(n, w.zones[i + 2] + rule.window);
            st.charge(to - from);
            int end = rule.pattern.matchFrom(text, from, ks, to, rule.secretGroup,
                    (s, e, ms, me) -> report(rule, text, s, e, ms, me, sink));
            if (end >= 0) {
                w.zoneDone[r] = end;
            }
        }
    }

    private static void report(CompiledRule rule, String text, int s, int e, int ms, int me, FindingSink sink) {
        if (e <= s) {
            return;
        }
        String secret = text.substring(s, e);
        String match = rule.needsMatchText() ? text.substring(ms, me) : secret;
        if (rule.accepts(secret, match)) {
            sink.add(s, e, rule.type, rule.id, rule.confidence);
        }
    }

    private static void run(CompiledRule rule, String text, int from, int to, FindingSink sink) {
        rule.pattern.find(text, from, to, rule.secretGroup, (s, e, ms, me) -> report(rule, text, s, e, ms, me, sink));
    }

    /**
     * Per-scan bookkeeping: one open window per rule, closed windows queued as (rule, from, to); for rules
     * whose matches start near the keyword, the hits themselves as (rule, hitStart, hitEnd).
     * {@code end} holds end + 1 so a fresh (zeroed) array means "no window".
     */
    private final class Windows implements AhoCorasick.MatchHandler {
        int n;
        int[] start;
        int[] end;
        int[] zoneDone;
        int[] zones = new int[12];
        int zoneSize;
        int[] touched = new int[8];
        int touchedSize;
        int[] pending = new int[12];
        int pendingSize;

        /** Clears what the previous scan on this thread touched, and nothing else. */
        Windows reset(int textLength) {
            if (start != null) {
                for (int t = 0; t < touchedSize; t++) {
                    end[touched[t]] = 0;
                }
                for (int i = 0; i < zoneSize; i += 3) {
                    zoneDone[zones[i]] = 0;
                }
            }
            n = textLength;
            touchedSize = 0;
            pendingSize = 0;
            zoneSize = 0;
            return this;
        }

        @Override
        public void onMatch(int keyword, int ks, int ke) {
            if (start == null) {
                start = new int[rules.length];
                end = new int[rules.length];
                zoneDone = new int[rules.length];
            }
            for (int r : rulesByKeyword[keyword]) {
                if (rules[r].startsNearKeyword) {
                    if (zoneSize + 3 > zones.length) {
                        zones = Arrays.copyOf(zones, zones.length * 2);
                    }
                    zones[zoneSize++] = r;
                    zones[zoneSize++] = ks;
                    zones[zoneSize++] = ke;
                    continue;
                }
                int win = rules[r].window;
                int ws = win == 0 ? 0 : Math.max(0, ks - rules[r].windowBefore);
                int we = win == 0 ? n : Math.min(n, ke + win);
                if (end[r] == 0) {
                    start[r] = ws;
                    end[r] = we + 1;
                    if (touchedSize == touched.length) {
                        touched = Arrays.copyOf(touched, touchedSize * 2);
                    }
                    touched[touchedSize++] = r;
                } else if (ws <= end[r] - 1) {
                    end[r] = Math.max(end[r], we + 1);
                } else {
                    if (pendingSize + 3 > pending.length) {
                        pending = Arrays.copyOf(pending, pending.length * 2);
                    }
                    pending[pendingSize++] = r;
                    pending[pendingSize++] = start[r];
                    pending[pendingSize++] = end[r] - 1;
                    start[r] = ws;
                    end[r] = we + 1;
                }
            }
        }
    }
}
