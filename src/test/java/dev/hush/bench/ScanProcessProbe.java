package dev.hush.bench;

import dev.hush.cli.HushMain;
import dev.hush.config.DetectorPlugin;
import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Scanner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where a whole {@code hush} process spends its CPU (Linux only). Three modes:
 * <ul>
 *   <li>{@code ScanProcessProbe scan ...} (any hush command line): runs it in this JVM and, at exit, prints the
 *       CPU time of every thread group (main, each scan worker, the JIT compilers, GC, the rest) from
 *       {@code /proc/self/task}, read every 50 ms so that threads that ended (the scan pool) are counted too,
 *       and the CPU the JVM had used before {@code main};</li>
 *   <li>{@code ScanProcessProbe build}: each detector plug-in built in turn, its thread CPU and wall time (the
 *       fixed start-up of every {@code hush scan});</li>
 *   <li>{@code ScanProcessProbe passes FILE.jsonl N}: one thread scans every text of the file N times in one
 *       JVM, thread CPU per pass: how fast the scanner gets once the JIT has warmed up (compare the JVM flags).</li>
 * </ul>
 * <pre>java -cp "target/hush.jar:target/test-classes" dev.hush.bench.ScanProcessProbe scan --format jsonl FILE &gt;/dev/null
 * java -XX:TieredStopAtLevel=1 -cp "target/hush.jar:target/test-classes" dev.hush.bench.ScanProcessProbe passes FILE 6</pre>
 */
public final class ScanProcessProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final double TICK_MS = 10.0; // USER_HZ is 100 on Linux
    /** Last CPU ms seen per thread id, with its name. */
    private static final Map<String, Map.Entry<String, Double>> SEEN = new ConcurrentHashMap<>();

    private ScanProcessProbe() {
    }

    public static void main(String[] args) throws Exception {
        double beforeMain = processCpuMs();
        long upAtMain = ManagementFactory.getRuntimeMXBean().getUptime();
        if (args.length == 1 && args[0].equals("build")) {
            build();
            return;
        }
        if (args.length == 3 && args[0].equals("passes")) {
            passes(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        Thread poller = new Thread(() -> {
            while (true) {
                poll();
                try {
                    Thread.sleep(50); // a sampling period, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "probe-poller");
        poller.setDaemon(true);
        poller.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            poll();
            System.err.printf(Locale.ROOT, "process: %d ms wall, JVM before main %.0f ms CPU (%d ms wall)%n",
                    ManagementFactory.getRuntimeMXBean().getUptime(), beforeMain, upAtMain);
            Map<String, Double> groups = new TreeMap<>();
            SEEN.values().forEach(e -> groups.merge(group(e.getKey()), e.getValue(), Double::sum));
            groups.put("total (process)", processCpuMs());
            groups.forEach((group, ms) -> System.err.printf(Locale.ROOT, "  %-22s %8.0f ms CPU%n", group, ms));
            SEEN.values().stream().filter(e -> e.getKey().startsWith("hush-scan"))
                    .forEach(e -> System.err.printf(Locale.ROOT, "    worker %8.0f ms CPU%n", e.getValue()));
        }));
        System.exit(HushMain.run(args));
    }

    private static void build() {
        List<DetectorPlugin> plugins = new ArrayList<>();
        long c0 = CPU.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        HushConfig config = new HushConfig();
        ServiceLoader.load(DetectorPlugin.class).forEach(plugins::add);
        plugins.sort(Comparator.comparingInt(DetectorPlugin::order).thenComparing(p -> p.getClass().getName()));
        print("config + plugin classes", c0, w0);
        for (DetectorPlugin p : plugins) {
            long c = CPU.getCurrentThreadCpuTime();
            long w = System.nanoTime();
            try {
                p.create(config);
            } catch (Exception e) {
                throw new IllegalStateException(p.getClass().getName(), e);
            }
            print(p.getClass().getSimpleName(), c, w);
        }
        print("all plugins", c0, w0);
    }

    private static void passes(Path jsonl, int n) throws Exception {
        List<String> texts = JsonlTexts.read(jsonl);
        long chars = JsonlTexts.chars(texts);
        Scanner scanner = ScannerFactory.build(new HushConfig());
        for (int p = 0; p < n; p++) {
            long c = CPU.getCurrentThreadCpuTime();
            long found = 0;
            for (String t : texts) {
                found += scanner.scan(t).size();
            }
            double s = (CPU.getCurrentThreadCpuTime() - c) / 1e9;
            System.out.printf(Locale.ROOT, "pass %d: %.2f s CPU, %.1f MB/s, %d findings%n", p, s, chars / s / 1e6, found);
        }
    }

    private static void print(String what, long cpu0, long wall0) {
        System.out.printf(Locale.ROOT, "%-24s %7.0f ms CPU %7.0f ms wall%n", what,
                (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6, (System.nanoTime() - wall0) / 1e6);
    }

    /** Records each live thread's utime + stime. */
    private static void poll() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(t.resolve("comm")).strip();
                    double ms = ticks(Files.readString(t.resolve("stat"))) * TICK_MS;
                    SEEN.put(t.getFileName().toString(), Map.entry(comm, ms));
                } catch (IOException gone) {
                    // the thread ended while we listed: its last reading stays
                }
            }
        } catch (IOException e) {
            System.err.println("probe: cannot read /proc/self/task: " + e.getMessage());
        }
    }

    private static String group(String comm) {
        if (comm.startsWith("C2 Compiler")) {
            return "JIT C2";
        }
        if (comm.startsWith("C1 Compiler")) {
            return "JIT C1";
        }
        if (comm.startsWith("GC ") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
            return "GC, VM thread";
        }
        if (comm.startsWith("hush-scan")) {
            return "scan workers";
        }
        if (comm.startsWith("hush-detectors")) {
            return "building detectors";
        }
        if (comm.equals("java") || comm.equals("main")) {
            return "main";
        }
        return "other";
    }

    private static double processCpuMs() {
        try {
            return ticks(Files.readString(Path.of("/proc/self/stat"))) * TICK_MS;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** utime + stime (fields 14 and 15), counted after the command name's closing parenthesis. */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
