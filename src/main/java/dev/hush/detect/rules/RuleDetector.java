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
        for (int r : keywordless) {
            run(rules[r], text, 0, n, sink);
        }
        if (keywordIndex == null) {
            return;
        }
        Windows w = new Windows(n);
        keywordIndex.search(text, w);
        for (int i = 0; i < w.pendingSize; i += 3) {
            run(rules[w.pending[i]], text, w.pending[i + 1], w.pending[i + 2], sink);
        }
        for (int t = 0; t < w.touchedSize; t++) {
            int r = w.touched[t];
            run(rules[r], text, w.start[r], w.end[r], sink);
        }
    }

    private static void run(CompiledRule rule, String text, int from, int to, FindingSink sink) {
        rule.pattern.find(text, from, to, rule.secretGroup, (s, e, ms, me) -> {
            if (e <= s) {
                return;
            }
            String secret = text.substring(s, e);
            String match = rule.needsMatchText() ? text.substring(ms, me) : secret;
            if (rule.accepts(secret, match)) {
                sink.add(s, e, rule.type, rule.id, rule.confidence);
            }
        });
    }

    /** Per-scan window bookkeeping: one open window per rule, closed windows queued as (rule, from, to). */
    private final class Windows implements AhoCorasick.MatchHandler {
        final int n;
        int[] start;
        int[] end;
        int[] touched = new int[8];
        int touchedSize;
        int[] pending = new int[12];
        int pendingSize;

        Windows(int n) {
            this.n = n;
        }

        @Override
        public void onMatch(int keyword, int ks, int ke) {
            if (start == null) {
                start = new int[rules.length];
                end = new int[rules.length];
                Arrays.fill(end, -1);
            }
            for (int r : rulesByKeyword[keyword]) {
                int win = rules[r].window;
                int ws = win == 0 ? 0 : Math.max(0, ks - win);
                int we = win == 0 ? n : Math.min(n, ke + win);
                if (end[r] < 0) {
                    start[r] = ws;
                    end[r] = we;
                    if (touchedSize == touched.length) {
                        touched = Arrays.copyOf(touched, touchedSize * 2);
                    }
                    touched[touchedSize++] = r;
                } else if (ws <= end[r]) {
                    end[r] = Math.max(end[r], we);
                } else {
                    if (pendingSize + 3 > pending.length) {
                        pending = Arrays.copyOf(pending, pending.length * 2);
                    }
                    pending[pendingSize++] = r;
                    pending[pendingSize++] = start[r];
                    pending[pendingSize++] = end[r];
                    start[r] = ws;
                    end[r] = we;
                }
            }
        }
    }
}
