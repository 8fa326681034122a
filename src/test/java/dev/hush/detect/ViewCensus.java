package dev.hush.detect;

import dev.hush.bench.JsonlTexts;

import dev.hush.bench.Pastes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How often each disguise view is non-trivial (docs/benchmarks.md): per input, the texts whose normalised
 * view is a copy, the joined views built and their chars, and the encoded runs that decode to text. Hand-run:
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.detect.ViewCensus [../shared]</pre>
 */
public final class ViewCensus {
    private ViewCensus() {
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Median thread CPU ms of one pass of {@code step} over {@code texts} (after warm-up passes). */
    private static double cpuMs(List<String> texts, java.util.function.Consumer<String> step) {
        long chars = texts.stream().mapToLong(String::length).sum();
        int passes = (int) Math.max(7, Math.min(2_000, 20_000_000 / Math.max(1, chars)));
        long[] cpu = new long[passes];
        for (int rep = -passes; rep < passes; rep++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            for (String t : texts) {
                step.accept(t);
            }
            if (rep >= 0) {
                cpu[rep] = CPU.getCurrentThreadCpuTime() - c0;
            }
        }
        java.util.Arrays.sort(cpu);
        return cpu[passes / 2] / 1e6;
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        List<String> corpus = JsonlTexts.read(shared.resolve("corpus/dev.jsonl"));
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        inputs.put("dev corpus", corpus);
        inputs.put("4 KiB prompt", List.of(dev.hush.bench.ScannerCpuProbe.prompt(corpus, 4096)));
        inputs.put("64 KiB prompt", List.of(dev.hush.bench.ScannerCpuProbe.prompt(corpus, 65536)));
        for (String paste : List.of("source-64k", "customers-1m", "log-1m", "prose-1m")) {
            String[] p = paste.split("-");
            inputs.put(paste, List.of(Pastes.generate(p[0], p[1].equals("64k") ? 65536 : 1 << 20, 1)));
        }
        System.out.println("| input | texts | chars | normalised copy (texts / chars) | joined views (texts / views / chars) |"
                + " decoded runs (texts / runs / run chars) | CPU ms: ScanText.of / JoinedView.of / EncodedRuns.find |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (var e : inputs.entrySet()) {
            long chars = 0;
            long copyTexts = 0;
            long copyChars = 0;
            long joinTexts = 0;
            long joinViews = 0;
            long joinChars = 0;
            long[] runs = new long[3];
            for (String t : e.getValue()) {
                chars += t.length();
                ScanText st = ScanText.of(t);
                if (!st.isIdentity()) {
                    copyTexts++;
                    copyChars += t.length();
                }
                List<JoinedView.Joined> joined = JoinedView.of(st);
                if (!joined.isEmpty()) {
                    joinTexts++;
                    joinViews += joined.size();
                    for (JoinedView.Joined j : joined) {
                        joinChars += j.view().normalized().length();
                    }
                }
                long before = runs[1];
                EncodedRuns.find(st, (start, end, decoded) -> {
                    runs[1]++;
                    runs[2] += end - start;
                });
                runs[0] += runs[1] > before ? 1 : 0;
            }
            List<String> texts = e.getValue();
            double of = cpuMs(texts, t -> ScanText.of(t));
            double joins = cpuMs(texts, t -> JoinedView.of(ScanText.of(t))) - of;
            double enc = cpuMs(texts, t -> EncodedRuns.find(ScanText.of(t), (a, b, c) -> { })) - of;
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d / %d | %d / %d / %d | %d / %d / %d | %.3f / %.3f / %.3f |%n", e.getKey(),
                    e.getValue().size(), chars, copyTexts, copyChars, joinTexts, joinViews, joinChars, runs[0], runs[1], runs[2],
                    of, joins, enc);
        }
    }
}
