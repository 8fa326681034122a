package dev.hush.detect.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.bench.Pastes;
import dev.hush.detect.ScanText;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hand-run probe: what each built-in rule costs on the Java path ({@link LiteralRuleEngine}), in thread CPU
 * time. Every rule runs alone (its own keywords and literals in the automaton) over the input; the rule's cost
 * is its median pass minus the cheapest rule's (about the automaton pass over the text). Prints the
 * whole catalogue's pass, the sum of the rules alone and the costliest rules with their findings.
 *
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.detect.rules.RuleCostProbe \
 *     [../shared] [corpus|prompt-4k|prompt-64k|source-64k|prose-1m|log-1m] [passes] [top]</pre>
 */
public final class RuleCostProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RuleCostProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        String input = args.length > 1 ? args[1] : "corpus";
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int top = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        List<String> texts = new ArrayList<>();
        if (input.equals("corpus") || input.startsWith("prompt-")) {
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(shared.resolve("corpus/dev.jsonl"))) {
                texts.add(json.readTree(line).path("text").asText());
            }
            if (input.startsWith("prompt-")) {
                // the prompt of ScannerCpuProbe (4k or 64k chars), repeated so one pass is long enough to time
                int size = input.equals("prompt-64k") ? 65536 : 4096;
                String prompt = dev.hush.bench.ScannerCpuProbe.prompt(texts, size);
                texts.clear();
                for (int k = 0; k < (1 << 18) / size; k++) {
                    texts.add(prompt);
                }
            }
        } else {
            String[] kind = input.split("-");
            int chars = kind[1].equals("64k") ? 65536 : 1 << 20;
            texts.add(Pastes.generate(kind[0], chars, 1));
        }
        texts.replaceAll(t -> ScanText.of(t).normalized()); // what RuleDetector hands the engine
        List<CompiledRule> rules = RuleCatalogue.compile(RuleCatalogue.builtinSpecs(), RuleCompiler.Engine.JDK, Set.of());
        long chars = texts.stream().mapToLong(String::length).sum();
        double empty = median(new LiteralRuleEngine(List.of()), texts, passes, new int[1]);
        int[] found = new int[1];
        double all = median(new LiteralRuleEngine(rules), texts, passes, found);
        double[] alone = new double[rules.size()];
        int[] hits = new int[rules.size()];
        for (int r = 0; r < rules.size(); r++) {
            int[] h = new int[1];
            alone[r] = median(new LiteralRuleEngine(List.of(rules.get(r))), texts, passes, h);
            hits[r] = h[0];
        }
        // the cheapest rule alone is about the automaton pass over the text: each rule's cost is above it
        double floor = Arrays.stream(alone).min().orElse(0);
        double sum = 0;
        for (int r = 0; r < rules.size(); r++) {
            alone[r] -= floor;
            sum += alone[r];
        }
        System.out.printf(Locale.ROOT, "%s: %d texts, %d chars, %d rules; median of %d passes, thread CPU%n",
                input, texts.size(), chars, rules.size(), passes);
        System.out.printf(Locale.ROOT, "all rules %.2f ms (%.0f MB/s, %d findings); no rules %.2f ms; "
                + "cheapest rule alone %.2f ms; sum of rules alone above it %.2f ms%n", all, chars / all / 1e3, found[0],
                empty, floor, sum);
        Integer[] order = new Integer[rules.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(alone[b], alone[a]));
        for (int i = 0; i < Math.min(top, order.length); i++) {
            int r = order[i];
            System.out.printf(Locale.ROOT, "%7.3f ms %5.1f%% findings %5d  %s%n", alone[r], 100 * alone[r] / sum,
                    hits[r], rules.get(r).id);
        }
    }

    private static double median(LiteralRuleEngine engine, List<String> texts, int passes, int[] found) {
        long[] ns = new long[passes];
        for (int p = -1; p < passes; p++) {
            int[] n = new int[1];
            long t = CPU.getCurrentThreadCpuTime();
            for (String s : texts) {
                engine.detect(s, (a, b, c, d, e) -> n[0]++);
            }
            long d = CPU.getCurrentThreadCpuTime() - t;
            if (p >= 0) {
                ns[p] = d;
                found[0] = n[0];
            }
        }
        Arrays.sort(ns);
        return ns[passes / 2] / 1e6;
    }
}
