package dev.hush.bench;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Detector;
import dev.hush.detect.Scanner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The scanner benchmark's families measured in thread CPU time instead of wall time, for a shared machine
 * where other jobs take the cores and JMH's wall-clock scores swing tenfold: CPU time counts only the
 * cycles this thread ran. One thread; MB/s = dev-corpus chars / median CPU seconds per pass; a 4 KiB and a
 * 64 KiB prompt cut from the corpus (as in {@link ScannerBenchmark}) give p50/p99. Baseline in the same run: one
 * lower-casing pass over the same texts.
 *
 * <p>With a third argument {@code detectors}, instead: each detector alone (and the views alone: a scanner
 * without detectors still builds the normalised, joined and decoded views) over the corpus and over the
 * generated pastes of {@link Pastes}, in CPU ms per pass and MB/s, against lower-casing the same text.
 *
 * <pre>bench/scanner.sh writes target/bench.cp; then
 * java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.ScannerCpuProbe [../shared] [passes] [detectors|prompts]</pre>
 *
 * <p>With {@code prompts}: the prompt benchmark's 4 KiB and 64 KiB prompts, thread CPU p50/p99 of each detector
 * alone (on its own view), of the views alone, and of the scanner without names (and without rules).
 */
public final class ScannerCpuProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ScannerCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<String> texts = JsonlTexts.read(shared.resolve("corpus/dev.jsonl"));
        long chars = JsonlTexts.chars(texts);
        Scanner all = ScannerFactory.build(new HushConfig());
        if (args.length > 2 && args[2].equals("detectors")) {
            perDetector(all, texts, chars, passes);
            return;
        }
        if (args.length > 2 && args[2].equals("prompts")) {
            perPrompt(all, texts);
            return;
        }
        Scanner noNames = family(all, id -> !id.equals("pii.person"));
        System.out.printf(Locale.ROOT, "corpus %d texts, %d chars, %d passes each, thread CPU time%n", texts.size(), chars, passes);
        report("lowercase (baseline)", chars, passes, () -> {
            for (String t : texts) {
                t.toLowerCase(Locale.ROOT);
            }
        });
        report("all detectors", chars, passes, () -> scanAll(all, texts));
        report("without person names", chars, passes, () -> scanAll(noNames, texts));
        report("pii (structured)", chars, passes, () -> scanAll(family(all, id -> id.startsWith("pii.") && !id.equals("pii.person")), texts));
        report("markers + dictionaries", chars, passes, () -> scanAll(family(all, id -> id.equals("markers") || id.equals("terms")), texts));
        report("rules", chars, passes, () -> scanAll(family(all, id -> id.equals("rules")), texts));
        report("all but names and rules", chars, passes, () -> scanAll(family(all, id -> !id.equals("rules") && !id.equals("pii.person")), texts));
        for (int size : new int[] {4096, 65536}) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; sb.length() < size; i = (i + 7) % texts.size()) {
                sb.append(texts.get(i)).append("\n\n");
            }
            String prompt = sb.substring(0, size);
            int runs = size > 4096 ? 300 : 3_000;
            for (Scanner s : List.of(all, noNames)) {
                for (int i = 0; i < runs * 2 / 3; i++) {
                    s.scan(prompt);
                }
                long[] cpu = new long[runs];
                for (int i = 0; i < cpu.length; i++) {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    s.scan(prompt);
                    cpu[i] = CPU.getCurrentThreadCpuTime() - c0;
                }
                Arrays.sort(cpu);
                System.out.printf(Locale.ROOT, "%d KiB prompt, %s: p50 %.0f us, p99 %.0f us%n", size / 1024,
                        s == all ? "all detectors" : "without names", cpu[cpu.length / 2] / 1e3,
                        cpu[(int) (cpu.length * 0.99)] / 1e3);
            }
        }
    }

    /** Each detector alone and the views alone, over the corpus and each generated paste. */
    private static void perDetector(Scanner all, List<String> corpus, long corpusChars, int passes) {
        java.util.Map<String, List<String>> inputs = new java.util.LinkedHashMap<>();
        inputs.put("corpus", corpus);
        for (String paste : List.of("source-64k", "customers-1m", "log-1m", "prose-1m")) {
            String[] p = paste.split("-");
            inputs.put(paste, List.of(Pastes.generate(p[0], p[1].equals("64k") ? 65536 : 1 << 20, 1)));
        }
        for (var input : inputs.entrySet()) {
            List<String> texts = input.getValue();
            long chars = texts.stream().mapToLong(String::length).sum();
            System.out.printf(Locale.ROOT, "== %s (%d chars)%n", input.getKey(), chars);
            report("lowercase (baseline)", chars, passes, () -> {
                for (String t : texts) {
                    t.toLowerCase(Locale.ROOT);
                }
            });
            report("views only", chars, passes, () -> scanAll(family(all, id -> false), texts));
            // each detector alone on a fresh view (its own passes over it included), and the view alone
            dev.hush.detect.FindingSink drop = (start, end, type, rule, confidence) -> { };
            report("ScanText.of alone", chars, passes, () -> {
                for (String t : texts) {
                    dev.hush.detect.ScanText.of(t);
                }
            });
            for (Detector d : all.detectors()) {
                if (d.id().equals("pii.person") && chars > 200_000) {
                    continue; // minutes per pass on the long pastes; measured by the JMH paste benchmark
                }
                report(d.id(), chars, passes, () -> {
                    for (String t : texts) {
                        d.detect(dev.hush.detect.ScanText.of(t), drop);
                    }
                });
            }
            report("structured PII together", chars, passes, () -> scanAll(family(all,
                    id -> id.startsWith("pii.") && !id.equals("pii.person")), texts));
            report("all but person names", chars, passes, () -> scanAll(family(all, id -> !id.equals("pii.person")), texts));
        }
    }

    /** The prompt benchmark's 4 KiB and 64 KiB prompts: p50/p99 of each detector alone, the views, the scanner. */
    private static void perPrompt(Scanner all, List<String> corpus) {
        dev.hush.detect.FindingSink drop = (start, end, type, rule, confidence) -> { };
        for (int size : new int[] {4096, 65536}) {
            String prompt = prompt(corpus, size);
            int reps = size > 8192 ? 300 : 3_000;
            System.out.printf(Locale.ROOT, "== prompt %d chars, thread CPU p50 / p99 in us%n", size);
            promptReport("lowercase (baseline)", reps, () -> prompt.toLowerCase(Locale.ROOT));
            promptReport("ScanText.of alone", reps, () -> dev.hush.detect.ScanText.of(prompt));
            Scanner none = family(all, id -> false); // built once: a Scanner per call measured its construction
            promptReport("views only", reps, () -> none.scan(prompt));
            for (Detector d : all.detectors()) {
                if (d.id().equals("pii.person")) {
                    continue;
                }
                promptReport(d.id(), reps, () -> d.detect(dev.hush.detect.ScanText.of(prompt), drop));
            }
            Scanner mine = family(all, id -> !id.equals("pii.person") && !id.equals("rules"));
            promptReport("all but names and rules", reps, () -> mine.scan(prompt));
            Scanner noNames = family(all, id -> !id.equals("pii.person"));
            promptReport("all but person names", reps, () -> noNames.scan(prompt));
        }
    }

    /** As {@link ScannerBenchmark.Prompt}: corpus texts, every seventh, cut to {@code size} chars. */
    public static String prompt(List<String> texts, int size) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < size; i = (i + 7) % texts.size()) {
            sb.append(texts.get(i)).append("\n\n");
        }
        return sb.substring(0, size);
    }

    private static void promptReport(String name, int reps, Runnable scan) {
        for (int i = 0; i < reps; i++) {
            scan.run(); // warm-up
        }
        long[] cpu = new long[reps];
        for (int i = 0; i < reps; i++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            scan.run();
            cpu[i] = CPU.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-24s %9.1f / %9.1f us%n", name, cpu[reps / 2] / 1e3, cpu[(int) (reps * 0.99)] / 1e3);
    }

    private static Scanner family(Scanner all, Predicate<String> ids) {
        return new Scanner(all.detectors().stream().filter(d -> ids.test(d.id())).toList(), "family");
    }

    private static void scanAll(Scanner s, List<String> texts) {
        for (String t : texts) {
            s.scan(t);
        }
    }

    private static void report(String name, long chars, int passes, Runnable pass) {
        for (int i = 0; i < 3; i++) {
            pass.run(); // warm-up
        }
        long[] cpu = new long[passes];
        for (int i = 0; i < passes; i++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            pass.run();
            cpu[i] = CPU.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(cpu);
        double sec = cpu[passes / 2] / 1e9;
        System.out.printf(Locale.ROOT, "%-24s %8.2f ms/pass  %7.1f MB/s   (min %.2f ms)%n", name, sec * 1e3, chars / sec / 1e6,
                cpu[0] / 1e6);
    }
}
