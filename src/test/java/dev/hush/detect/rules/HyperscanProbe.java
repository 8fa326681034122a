package dev.hush.detect.rules;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Hand-run: how long the Hyperscan database takes to build for the built-in and gitleaks catalogues, and
 * which rules stay on the Java path. {@code java -cp ... dev.hush.detect.rules.HyperscanProbe [../shared]}
 */
public final class HyperscanProbe {
    private HyperscanProbe() {
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        List<CompiledRule> builtin = RuleCatalogue.compile(RuleCatalogue.builtinSpecs(), RuleCompiler.Engine.JDK, Set.of());
        List<CompiledRule> gitleaks = GitleaksImporter.importFile(shared.resolve("gitleaks/gitleaks.toml")).rules();
        for (List<CompiledRule> rules : List.of(builtin, gitleaks)) {
            long t = System.nanoTime();
            try (HyperscanPrefilter p = new HyperscanPrefilter(rules.toArray(new CompiledRule[0]))) {
                System.out.printf("%d rules: %d in the database, built in %.0f ms; fallbacks %s%n", rules.size(),
                        p.coveredCount(), (System.nanoTime() - t) / 1e6, p.fallbacks());
                List<String> corpus = RuleEngineEquivalenceTest.sharedTexts().subList(0, 4000);
                String log = dev.hush.bench.Pastes.generate("log", 1 << 20, 1);
                for (int rep = 0; rep < 3; rep++) {
                    long c0 = cpu();
                    long n0 = p.scan("").reportCount;
                    for (String s : corpus) {
                        p.scan(s);
                    }
                    long c1 = cpu();
                    long n1 = p.scan("").reportCount;
                    p.scan(log);
                    long c2 = cpu();
                    long n2 = p.scan("").reportCount;
                    System.out.printf("  corpus+peers (%d texts): %.1f ms CPU, %d reports; log-1m: %.1f ms, %d reports%n",
                            corpus.size(), (c1 - c0) / 1e6, n1 - n0, (c2 - c1) / 1e6, n2 - n1);
                }
                HyperscanPrefilter.Reports r = p.scan(log);
                java.util.List<Integer> order = new java.util.ArrayList<>();
                for (int i = 0; i < rules.size(); i++) {
                    order.add(i);
                }
                order.sort((a, b) -> r.endsOf(b) - r.endsOf(a));
                for (int i : order.subList(0, 12)) {
                    System.out.printf("    %6d %s  %s%n", r.endsOf(i), rules.get(i).id(),
                            HyperscanSyntax.rewrite(rules.get(i).pattern.regex(), rules.get(i).pattern instanceof JdkRulePattern));
                }
            }
        }
    }
}
