package dev.hush.bench;

import dev.hush.detect.ScanText;
import dev.hush.detect.rules.CompiledRule;
import dev.hush.detect.rules.GitleaksImporter;
import dev.hush.detect.rules.RuleCatalogue;
import dev.hush.detect.rules.RuleCompiler;
import dev.hush.detect.rules.RuleDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rule engines (hyperscan, literals, windowed) on the built-in and gitleaks catalogues, in thread CPU time
 * (robust on a shared machine where JMH's wall-clock scores swing), over the dev corpus and the long pastes
 * (source-64k, prose-1m, log-1m), with one {@code toLowerCase} pass of the same input as the baseline.
 * Engines run interleaved, pass by pass, so all see the same load; the median pass is reported.
 *
 * <pre>bench/scanner.sh writes target/bench.cp; then
 * java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.RuleEngineCpuProbe [../shared] [passes] [builtin]</pre>
 * (with {@code builtin}, the built-in catalogue only)
 */
public final class RuleEngineCpuProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RuleEngineCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        List<String> corpus = JsonlTexts.read(shared.resolve("corpus/dev.jsonl"));
        inputs.put("corpus", corpus);
        inputs.put("source-64k", List.of(Pastes.generate("source", 65536, 1)));
        inputs.put("prose-1m", List.of(Pastes.generate("prose", 1 << 20, 1)));
        inputs.put("log-1m", List.of(Pastes.generate("log", 1 << 20, 1)));
        Map<String, List<CompiledRule>> catalogues = new LinkedHashMap<>();
        catalogues.put("builtin", RuleCatalogue.compile(RuleCatalogue.builtinSpecs(), RuleCompiler.Engine.JDK, Set.of()));
        if (args.length <= 2 || !args[2].equals("builtin")) {
            catalogues.put("gitleaks", GitleaksImporter.importFile(shared.resolve("gitleaks/gitleaks.toml")).rules());
        }
        String[] engines = {"hyperscan", "literals", "windowed"};
        System.out.printf(Locale.ROOT, "%d passes each, median thread CPU ms per pass; MB = 10^6 chars%n", passes);
        System.out.println("| catalogue | input | chars | lowercase | " + String.join(" | ", engines)
                + " | literals / hyperscan | hyperscan MB/s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<CompiledRule>> cat : catalogues.entrySet()) {
            RuleDetector[] detectors = new RuleDetector[engines.length];
            for (int e = 0; e < engines.length; e++) {
                detectors[e] = new RuleDetector("rules", cat.getValue(),
                        RuleDetector.Engine.valueOf(engines[e].toUpperCase(Locale.ROOT)));
                System.err.println("[setup] " + cat.getKey() + ": " + detectors[e].engineDescription());
            }
            for (Map.Entry<String, List<String>> in : inputs.entrySet()) {
                List<String> texts = in.getValue();
                long chars = texts.stream().mapToLong(String::length).sum();
                long[][] ns = new long[engines.length + 1][passes];
                for (int p = 0; p < passes + 2; p++) { // two warm-up passes
                    long t = cpu();
                    for (String s : texts) {
                        s.toLowerCase(Locale.ROOT);
                    }
                    long lower = cpu() - t;
                    if (p >= 2) {
                        ns[0][p - 2] = lower;
                    }
                    for (int e = 0; e < engines.length; e++) {
                        RuleDetector d = detectors[e];
                        t = cpu();
                        for (String s : texts) {
                            d.detect(ScanText.of(s), (a, b, c, r, f) -> { });
                        }
                        if (p >= 2) {
                            ns[e + 1][p - 2] = cpu() - t;
                        }
                    }
                }
                double[] med = new double[ns.length];
                for (int i = 0; i < ns.length; i++) {
                    Arrays.sort(ns[i]);
                    med[i] = ns[i][passes / 2] / 1e6;
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %.1f× | %.0f |%n",
                        cat.getKey(), in.getKey(), chars, med[0], med[1], med[2], med[3], med[2] / med[1],
                        chars / (med[1] / 1e3) / 1e6);
            }
            for (RuleDetector d : detectors) {
                d.close();
            }
        }
    }

    private static long cpu() {
        return CPU.getCurrentThreadCpuTime();
    }
}
