package dev.hush.detect.rules;

import dev.hush.bench.JsonlTexts;
import dev.hush.bench.Pastes;
import dev.hush.detect.AhoCorasick;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rule engine's automaton walk alone: {@link AhoCorasick} (the table before) and {@link KeywordAutomaton} over
 * the built-in catalogue's keywords and literals, in alternating turns in one JVM, thread CPU per pass (median of
 * the rounds), with both tables' sizes. Both must report the same number of hits.
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.detect.rules.KeywordAutomatonProbe \
 *     ../shared [rounds]</pre>
 */
public final class KeywordAutomatonProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** With -Dprobe.twoChainsMin=N, a third column: the new automaton walking texts from N chars as two halves. */
    private static final int EXPERIMENT = Integer.getInteger("probe.twoChainsMin", 0);
    private static final int V = EXPERIMENT > 0 ? 3 : 2;

    private KeywordAutomatonProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        List<String> patterns = new LiteralRuleEngine(RuleEngineEquivalenceTest.BUILTIN).automatonPatterns();
        AhoCorasick.Builder b = AhoCorasick.caseInsensitiveBuilder();
        patterns.forEach(b::add);
        AhoCorasick before = b.build();
        KeywordAutomaton after = KeywordAutomaton.of(patterns);
        int ascii = 0;
        boolean[] seen = new boolean[128];
        for (String p : patterns) {
            for (char c : p.toCharArray()) {
                if (c < 128 && !seen[c]) {
                    seen[c] = true;
                    ascii++;
                }
            }
        }
        int columns = ascii + 1;
        int rounded = Integer.highestOneBit(columns - 1) << 1;
        System.out.printf(Locale.ROOT, "%d patterns, %d states; before: %d columns (%d used) of int, %.2f MB; "
                + "after: %d byte classes of %s, %.2f MB%n", patterns.size(), after.stateCount(), rounded, columns,
                4.0 * after.stateCount() * rounded / 1e6, after.width(), after.tableBytes() == 2L * after.stateCount()
                        * after.width() ? "char" : "int", after.tableBytes() / 1e6);
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        inputs.put("corpus", JsonlTexts.read(shared.resolve("corpus/dev.jsonl")));
        inputs.put("source-64k", List.of(Pastes.generate("source", 65536, 1)));
        inputs.put("prose-1m", List.of(Pastes.generate("prose", 1 << 20, 1)));
        inputs.put("log-1m", List.of(Pastes.generate("log", 1 << 20, 1)));
        long[] sink = new long[V];
        for (Map.Entry<String, List<String>> in : inputs.entrySet()) {
            List<String> texts = in.getValue();
            long chars = JsonlTexts.chars(texts);
            int per = (int) Math.max(1, 4_000_000 / chars);
            long[][] cpu = new long[V][rounds];
            long[] hits = new long[V];
            for (int r = -3; r < rounds; r++) {
                for (int v = 0; v < V; v++) {
                    final int slot = v;
                    AhoCorasick.MatchHandler h = (id, s, e) -> sink[slot] += id + e;
                    hits[v] = sink[v];
                    long c0 = CPU.getCurrentThreadCpuTime();
                    for (int k = 0; k < per; k++) {
                        for (String t : texts) {
                            if (v == 0) {
                                before.search(t, h);
                            } else if (v == 1) {
                                after.search(t, h);
                            } else {
                                after.search(t, h, EXPERIMENT);
                            }
                        }
                    }
                    long c1 = CPU.getCurrentThreadCpuTime();
                    hits[v] = sink[v] - hits[v];
                    if (r >= 0) {
                        cpu[v][r] = (c1 - c0) / per;
                    }
                }
                if (hits[0] != hits[1] || hits[0] != hits[V - 1]) {
                    throw new IllegalStateException(in.getKey() + ": hits differ");
                }
            }
            double[] ms = new double[V];
            for (int v = 0; v < V; v++) {
                Arrays.sort(cpu[v]);
                ms[v] = cpu[v][rounds / 2] / 1e6;
            }
            System.out.printf(Locale.ROOT, "| %s | %d chars | %.3f | %.3f ms | %.2f | %.0f → %.0f MB/s |%s%n", in.getKey(),
                    chars, ms[0], ms[1], ms[1] / ms[0], chars / ms[0] / 1e3, chars / ms[1] / 1e3,
                    V == 3 ? String.format(Locale.ROOT, " two halves from %d chars: %.3f ms, %.2f |", EXPERIMENT, ms[2],
                            ms[2] / ms[0]) : "");
        }
    }
}
