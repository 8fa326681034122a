package dev.hush.bench;

import dev.hush.config.HushConfig;
import dev.hush.config.NlpSettings;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import dev.hush.detect.Scanner;
import dev.hush.detect.nlp.NameFinderModels;
import dev.hush.detect.nlp.PersonNameDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Person names' CPU cost, the compiled name finder against OpenNLP's NameFinderME, in thread CPU time and
 * interleaved (pass A, pass B, pass B, pass A, ...) so that both see the same machine load. Prints: model
 * load time and retained heap; the detector alone over the dev corpus; the whole scanner (every detector)
 * with either finder and without person names; a 4 KiB prompt cut from the corpus (as in
 * {@link ScannerBenchmark}) p50/p99 with either finder; and the ratios.
 *
 * <pre>bench/scanner.sh writes target/bench.cp; then
 * java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.PersonNameCpuProbe [../shared] [passes]
 * # for a profile: only one finder over the corpus, then bench/jfr-scanner.py-style aggregation of the recording
 * java -XX:StartFlightRecording=filename=/tmp/names.jfr,settings=profile -cp ... dev.hush.bench.PersonNameCpuProbe ../shared 20 compiled|opennlp|prompt
 * # the detector-alone lines only: ... PersonNameCpuProbe ../shared 9 alone</pre>
 */
public final class PersonNameCpuProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private PersonNameCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> texts = JsonlTexts.read(shared.resolve("corpus/dev.jsonl"));
        long chars = JsonlTexts.chars(texts);
        Runtime rt = Runtime.getRuntime();
        long heap0 = usedHeap(rt);
        long wall0 = System.nanoTime();
        long cpu0 = CPU.getCurrentThreadCpuTime();
        NameFinderModels models = NameFinderModels.load(null);
        long loadCpu = CPU.getCurrentThreadCpuTime() - cpu0;
        long loadWall = System.nanoTime() - wall0;
        long heap1 = usedHeap(rt);
        System.out.printf(Locale.ROOT, "model load (name finder, compiled finder, lexicon, lists): %.0f ms CPU, %.0f ms wall, "
                + "%.1f MB heap retained%n", loadCpu / 1e6, loadWall / 1e6, (heap1 - heap0) / 1e6);

        NlpSettings.PersonSettings p = new HushConfig().nlp.person;
        PersonNameDetector fast = new PersonNameDetector(models, p.threshold, p.skipPublicFigures, p.languages, true);
        PersonNameDetector slow = new PersonNameDetector(models, p.threshold, p.skipPublicFigures, p.languages, false);
        Scanner all = ScannerFactory.build(new HushConfig());
        Scanner allFast = with(all, fast);
        Scanner allSlow = with(all, slow);
        Scanner noNames = new Scanner(all.detectors().stream().filter(d -> !d.id().equals(PersonNameDetector.ID)).toList(), "no-names");
        FindingSink drop = (start, end, type, rule, confidence) -> { };
        boolean aloneOnly = args.length > 2 && args[2].equals("alone"); // the detector-alone lines only (quicker)
        if (args.length > 2 && !args[2].equals("prompt") && !aloneOnly) { // "compiled" or "opennlp": only that detector over the corpus, for a JFR recording
            PersonNameDetector d = args[2].equals("compiled") ? fast : slow;
            for (int i = 0; i < passes; i++) {
                texts.forEach(t -> d.detect(ScanText.of(t), drop));
            }
            return;
        }
        if (args.length > 2 && args[2].equals("prompt")) { // the 4 KiB prompt, person names alone, for a JFR recording
            String prompt = prompt(texts);
            for (int i = 0; i < passes * 10_000; i++) {
                fast.detect(ScanText.of(prompt), drop);
            }
            return;
        }
        System.out.printf(Locale.ROOT, "corpus %d texts, %d chars, %d passes each, interleaved, thread CPU time; load: %s%n",
                texts.size(), chars, passes, load());

        List<String> views = texts;
        double[] det = interleaved(passes,
                () -> views.forEach(t -> fast.detect(ScanText.of(t), drop)),
                () -> views.forEach(t -> slow.detect(ScanText.of(t), drop)),
                () -> {
                    models.clearTokenCache();
                    views.forEach(t -> fast.detect(ScanText.of(t), drop));
                });
        line("person names alone, compiled", chars, det[0]);
        line("person names alone, NameFinderME", chars, det[1]);
        line("  compiled, word cache emptied per pass", chars, det[2]);
        System.out.printf(Locale.ROOT, "  ratio NameFinderME / compiled: %.2fx%n", det[1] / det[0]);
        if (aloneOnly) {
            System.out.printf(Locale.ROOT, "load at the end: %s%n", load());
            return;
        }

        double[] scan = interleaved(passes, () -> texts.forEach(allFast::scan), () -> texts.forEach(allSlow::scan),
                () -> texts.forEach(noNames::scan));
        line("scanner, compiled", chars, scan[0]);
        line("scanner, NameFinderME", chars, scan[1]);
        line("scanner, without names", chars, scan[2]);
        System.out.printf(Locale.ROOT, "  person names' share of the scanner: compiled %.0f%%, NameFinderME %.0f%%%n",
                100 * (scan[0] - scan[2]) / scan[0], 100 * (scan[1] - scan[2]) / scan[1]);

        String prompt = prompt(texts);
        List<Scanner> scanners = List.of(allFast, allSlow, noNames);
        List<String> names = List.of("compiled", "NameFinderME", "without names");
        long[][] cpu = new long[3][3_000];
        for (Scanner s : scanners) {
            for (int i = 0; i < 2_000; i++) {
                s.scan(prompt);
            }
        }
        for (int block = 0; block < 30; block++) { // blocks of 100 prompts, scanners in turn
            for (int k = 0; k < 3; k++) {
                Scanner s = scanners.get((k + block) % 3);
                int idx = (k + block) % 3;
                for (int i = 0; i < 100; i++) {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    s.scan(prompt);
                    cpu[idx][block * 100 + i] = CPU.getCurrentThreadCpuTime() - c0;
                }
            }
        }
        for (int k = 0; k < 3; k++) {
            Arrays.sort(cpu[k]);
            System.out.printf(Locale.ROOT, "4 KiB prompt, every detector, %s: p50 %.0f us, p99 %.0f us%n", names.get(k),
                    cpu[k][1500] / 1e3, cpu[k][2970] / 1e3);
        }
        double[] alone = interleaved(passes * 50, () -> fast.detect(ScanText.of(prompt), drop), () -> slow.detect(ScanText.of(prompt), drop));
        System.out.printf(Locale.ROOT, "4 KiB prompt, person names alone (median): compiled %.0f us, NameFinderME %.0f us%n",
                alone[0] / 1e3, alone[1] / 1e3);
        System.out.printf(Locale.ROOT, "load at the end: %s%n", load());
    }

    /** The 4 KiB prompt of {@link ScannerBenchmark}. */
    private static String prompt(List<String> texts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 4096; i = (i + 7) % texts.size()) {
            sb.append(texts.get(i)).append("\n\n");
        }
        return sb.substring(0, 4096);
    }

    private static Scanner with(Scanner all, Detector person) {
        return new Scanner(all.detectors().stream().map(d -> d.id().equals(PersonNameDetector.ID) ? person : d).toList(), "probe");
    }

    /** Median CPU ns per pass of each task; three warm-up passes each, then passes rotated so none always runs first. */
    private static double[] interleaved(int passes, Runnable... tasks) {
        for (Runnable r : tasks) {
            for (int i = 0; i < 3; i++) {
                r.run();
            }
        }
        long[][] cpu = new long[tasks.length][passes];
        for (int i = 0; i < passes; i++) {
            for (int k = 0; k < tasks.length; k++) {
                int idx = (k + i) % tasks.length;
                long c0 = CPU.getCurrentThreadCpuTime();
                tasks[idx].run();
                cpu[idx][i] = CPU.getCurrentThreadCpuTime() - c0;
            }
        }
        double[] out = new double[tasks.length];
        for (int k = 0; k < tasks.length; k++) {
            Arrays.sort(cpu[k]);
            out[k] = cpu[k][passes / 2];
        }
        return out;
    }

    private static void line(String name, long chars, double ns) {
        System.out.printf(Locale.ROOT, "%-34s %8.2f ms/pass  %7.1f MB/s%n", name, ns / 1e6, chars / (ns / 1e9) / 1e6);
    }

    private static long usedHeap(Runtime rt) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
