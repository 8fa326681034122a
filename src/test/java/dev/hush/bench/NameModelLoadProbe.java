package dev.hush.bench;

import dev.hush.detect.nlp.NameFinderModels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What loading the person-name model set costs: thread CPU time and wall time of
 * {@link NameFinderModels#load} (median of several loads in fresh objects; the first load, which also
 * loads the classes, is reported apart), and the heap the loaded set keeps (used heap after
 * {@code System.gc()} with the set held, minus before). The budget is 3 s and 300 MB for all models.
 *
 * <pre>bench/scanner.sh writes target/bench.cp; then
 * java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.NameModelLoadProbe [modelDir] [loads]</pre>
 * (no modelDir or {@code -}: the set packaged on the classpath).
 */
public final class NameModelLoadProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private NameModelLoadProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 && !args[0].equals("-") ? Path.of(args[0]) : null;
        int loads = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long before = usedAfterGc();
        long c0 = CPU.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        NameFinderModels held = NameFinderModels.load(dir);
        long firstCpu = CPU.getCurrentThreadCpuTime() - c0;
        long firstWall = System.nanoTime() - w0;
        long kept = usedAfterGc() - before;
        double[] cpu = new double[loads];
        double[] wall = new double[loads];
        for (int i = 0; i < loads; i++) {
            long c = CPU.getCurrentThreadCpuTime();
            long w = System.nanoTime();
            NameFinderModels m = NameFinderModels.load(dir);
            cpu[i] = (CPU.getCurrentThreadCpuTime() - c) / 1e9;
            wall[i] = (System.nanoTime() - w) / 1e9;
            if (m.lexicon() == null) {
                throw new IllegalStateException("no lexicon");
            }
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "first load: %.2f s CPU, %.2f s wall; then median of %d: %.2f s CPU, %.2f s wall%n",
                firstCpu / 1e9, firstWall / 1e9, loads, cpu[loads / 2], wall[loads / 2]);
        System.out.printf(Locale.ROOT, "heap kept by the loaded set: %.1f MB (model %s)%n", kept / 1e6,
                held.model().getNameFinderSequenceModel() != null ? "loaded" : "missing");
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // a few rounds: one gc may leave finalizable garbage behind
            System.gc();
            used = Math.min(used, r.totalMemory() - r.freeMemory());
        }
        return used;
    }
}
