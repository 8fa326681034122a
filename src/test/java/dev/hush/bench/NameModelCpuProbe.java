package dev.hush.bench;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Detector;
import dev.hush.detect.Scanner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The person-name detector with two model sets, in thread CPU time (a shared machine makes wall time
 * meaningless): each set's detector alone over the dev corpus and over a 4 KiB prompt cut from it (as
 * in {@link ScannerCpuProbe}), passes interleaved A, B, A, B so that load changes hit both alike. Prints
 * the median per pass and the ratio B / A. A model set without {@code ensemble.tsv} (an older set whose
 * weights this code cannot read: copy it without that file) scores with the hand weights, which costs
 * the same. {@code -} is the set packaged on the classpath (run the probe once per build to compare code).
 *
 * <pre>bench/scanner.sh writes target/bench.cp; then
 * java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.NameModelCpuProbe ../shared DIR_A DIR_B [passes]</pre>
 */
public final class NameModelCpuProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private NameModelCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 9;
        List<String> texts = JsonlTexts.read(shared.resolve("corpus/dev.jsonl"));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 4096; i = (i + 7) % texts.size()) {
            sb.append(texts.get(i)).append("\n\n");
        }
        String prompt = sb.substring(0, 4096);
        Scanner[] s = {person(args[1]), person(args[2])};
        double[][] corpus = new double[2][passes];
        double[][] prompts = new double[2][passes * 50];
        for (int p = 0; p < passes + 2; p++) { // two warm-up passes
            for (int k = 0; k < 2; k++) {
                long c = CPU.getCurrentThreadCpuTime();
                for (String t : texts) {
                    s[k].scan(t);
                }
                long used = CPU.getCurrentThreadCpuTime() - c;
                for (int q = 0; q < 50; q++) {
                    long c1 = CPU.getCurrentThreadCpuTime();
                    s[k].scan(prompt);
                    if (p >= 2) {
                        prompts[k][(p - 2) * 50 + q] = (CPU.getCurrentThreadCpuTime() - c1) / 1e3;
                    }
                }
                if (p >= 2) {
                    corpus[k][p - 2] = used / 1e6;
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            Arrays.sort(corpus[k]);
            Arrays.sort(prompts[k]);
        }
        String[] names = {"A " + args[1], "B " + args[2]};
        for (int k = 0; k < 2; k++) {
            System.out.printf(Locale.ROOT, "%s: corpus %.1f ms CPU per pass (median of %d); 4 KiB prompt p50 %.0f / p99 %.0f us CPU%n",
                    names[k], corpus[k][passes / 2], passes, pct(prompts[k], 0.5), pct(prompts[k], 0.99));
        }
        System.out.printf(Locale.ROOT, "B / A: corpus %.2f, prompt p50 %.2f, p99 %.2f%n", corpus[1][passes / 2] / corpus[0][passes / 2],
                pct(prompts[1], 0.5) / pct(prompts[0], 0.5), pct(prompts[1], 0.99) / pct(prompts[0], 0.99));
    }

    /** A scanner with the person-name detector alone, loaded from {@code dir}. */
    private static Scanner person(String dir) throws Exception {
        HushConfig cfg = new HushConfig();
        cfg.nlp.person.modelDir = dir.equals("-") ? "" : dir;
        Scanner all = ScannerFactory.build(cfg);
        List<Detector> only = new ArrayList<>();
        for (Detector d : all.detectors()) {
            if (d.id().equals("pii.person")) {
                only.add(d);
            }
        }
        return new Scanner(only, "person " + dir);
    }

    private static double pct(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }
}
