package dev.hush.bench;

import dev.hush.cli.HushMain;
import dev.hush.config.DetectorPlugin;
import dev.hush.config.HushConfig;
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
import java.util.stream.Stream;

/**
 * Where a whole {@code hush} process spends its CPU: runs a hush command line in this JVM and, when the
 * JVM exits, prints the CPU time of every thread group read from {@code /proc/self/task} (main, the JIT
 * compilers, GC, the rest; threads that ended, such as the scan workers, as the process total minus those), plus the CPU the JVM had used before {@code main} ran. With
 * {@code build} as the only argument it builds each detector plugin in turn instead and prints each one's
 * thread CPU and wall time (the fixed start-up cost of every {@code hush scan}). Linux only.
 *
 * <pre>java -cp "target/hush.jar:target/test-classes" dev.hush.bench.ScanProcessProbe scan --format jsonl FILE &gt;/dev/null
 * java -cp "target/hush.jar:target/test-classes" dev.hush.bench.ScanProcessProbe build</pre>
 */
public final class ScanProcessProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final double TICK_MS = 10.0; // USER_HZ is 100 on Linux

    private ScanProcessProbe() {
    }

    public static void main(String[] args) throws Exception {
        double beforeMain = processCpuMs();
        long upAtMain = ManagementFactory.getRuntimeMXBean().getUptime();
        if (args.length == 1 && args[0].equals("build")) {
            build();
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.err.printf(Locale.ROOT, "process: %d ms wall, JVM before main %.0f ms CPU (%d ms wall)%n",
                        ManagementFactory.getRuntimeMXBean().getUptime(), beforeMain, upAtMain);
                threads().forEach((group, ms) -> System.err.printf(Locale.ROOT, "  %-22s %8.0f ms CPU%n", group, ms));
            } catch (IOException e) {
                System.err.println("process: cannot read /proc/self/task: " + e.getMessage());
            }
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

    private static void print(String what, long cpu0, long wall0) {
        System.out.printf(Locale.ROOT, "%-24s %7.0f ms CPU %7.0f ms wall%n", what,
                (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6, (System.nanoTime() - wall0) / 1e6);
    }

    /** CPU ms per thread group, from each task's utime + stime. */
    private static Map<String, Double> threads() throws IOException {
        Map<String, Double> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String comm;
                String stat;
                try {
                    comm = Files.readString(t.resolve("comm")).strip();
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended while we listed
                }
                groups.merge(group(comm), ticks(stat) * TICK_MS, Double::sum);
            }
        }
        double listed = groups.values().stream().mapToDouble(Double::doubleValue).sum();
        double total = processCpuMs();
        groups.put("ended (scan workers)", total - listed); // a finished pool's threads are gone from /proc
        groups.put("total", total);
        return groups;
    }

    private static String group(String comm) {
        if (comm.startsWith("C2 Compiler")) {
            return "JIT C2";
        }
        if (comm.startsWith("C1 Compiler")) {
            return "JIT C1";
        }
        if (comm.startsWith("GC ") || comm.startsWith("G1 ")) {
            return "GC";
        }
        if (comm.startsWith("hush-scan")) {
            return "scan workers";
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
