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

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        List<CompiledRule> builtin = RuleCatalogue.compile(RuleCatalogue.builtinSpecs(), RuleCompiler.Engine.JDK, Set.of());
        List<CompiledRule> gitleaks = GitleaksImporter.importFile(shared.resolve("gitleaks/gitleaks.toml")).rules();
        for (List<CompiledRule> rules : List.of(builtin, gitleaks)) {
            long t = System.nanoTime();
            try (HyperscanPrefilter p = new HyperscanPrefilter(rules.toArray(new CompiledRule[0]))) {
                System.out.printf("%d rules: %d in the database, built in %.0f ms; fallbacks %s%n", rules.size(),
                        p.coveredCount(), (System.nanoTime() - t) / 1e6, p.fallbacks());
            }
        }
    }
}
