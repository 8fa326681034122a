package dev.hush.bench;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of the scanner in one JVM, each in its own class loader, measured in turns of a few hundred scans
 * (thread CPU time), so a before/after comparison sees the same load, the same machine state and both JITs
 * warm: on a shared machine two separate runs differ by more than most changes. Prompts as in
 * {@link ScannerBenchmark} (corpus texts, 4 KiB and 64 KiB) and the whole dev corpus; families: without person
 * names, and without names and credential rules (or the comma-separated families given: also {@code person}, the
 * person-name detector alone, and {@code all}).
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.ScannerAbProbe \
 *     ../shared BEFORE/target/classes AFTER/target/classes [rounds] [families]</pre>
 * The dependency jars come from this JVM's class path (both builds must use the same ones).
 */
public final class ScannerAbProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ScannerAbProbe() {
    }

    public static void main(String[] args) throws Throwable {
        Path shared = Path.of(args[0]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        List<String> corpus = JsonlTexts.read(shared.resolve("corpus/dev.jsonl"));
        List<URL> deps = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar")) {
                deps.add(Path.of(e).toUri().toURL());
            }
        }
        String[] builds = {args[1], args[2]};
        List<String> families = args.length > 4 ? List.of(args[4].split(",")) : List.of("no-names-no-rules", "no-names");
        for (String family : families) {
            MethodHandle[] scan = new MethodHandle[2];
            for (int b = 0; b < 2; b++) {
                scan[b] = scanner(builds[b], deps, family);
            }
            System.out.printf(Locale.ROOT, "== %s, %d rounds, thread CPU (before | after | after/before)%n", family, rounds);
            for (int size : new int[] {4096, 65536}) {
                String prompt = ScannerCpuProbe.prompt(corpus, size);
                int per = size > 8192 ? 20 : 300;
                long[][] cpu = new long[2][rounds * per];
                for (int r = -2; r < rounds; r++) { // two warm-up rounds
                    for (int b = 0; b < 2; b++) {
                        for (int k = 0; k < per; k++) {
                            long c0 = CPU.getCurrentThreadCpuTime();
                            Object found = scan[b].invoke(prompt);
                            long c = CPU.getCurrentThreadCpuTime() - c0;
                            if (r >= 0) {
                                cpu[b][r * per + k] = c + (found == null ? 1 : 0);
                            }
                        }
                    }
                }
                double[] p50 = new double[2];
                double[] p99 = new double[2];
                for (int b = 0; b < 2; b++) {
                    Arrays.sort(cpu[b]);
                    p50[b] = cpu[b][cpu[b].length / 2] / 1e3;
                    p99[b] = cpu[b][(int) (cpu[b].length * 0.99)] / 1e3;
                }
                System.out.printf(Locale.ROOT, "%d-char prompt  p50 %8.1f | %8.1f us  (%.2f)   p99 %8.1f | %8.1f us  (%.2f)%n",
                        size, p50[0], p50[1], p50[1] / p50[0], p99[0], p99[1], p99[1] / p99[0]);
            }
            long[][] pass = new long[2][Math.max(3, rounds / 2)];
            for (int r = -1; r < pass[0].length; r++) {
                for (int b = 0; b < 2; b++) {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    for (String t : corpus) {
                        scan[b].invoke(t);
                    }
                    if (r >= 0) {
                        pass[b][r] = CPU.getCurrentThreadCpuTime() - c0;
                    }
                }
            }
            Arrays.sort(pass[0]);
            Arrays.sort(pass[1]);
            double m0 = pass[0][pass[0].length / 2] / 1e6;
            double m1 = pass[1][pass[1].length / 2] / 1e6;
            System.out.printf(Locale.ROOT, "dev corpus pass median %8.2f | %8.2f ms  (%.2f)%n", m0, m1, m1 / m0);
            for (String paste : System.getProperty("pastes", "").split(",")) {
                if (!paste.isEmpty()) {
                    pasteInTurns(scan, paste, rounds);
                }
            }
        }
    }

    /**
     * One generated paste ({@link Pastes}, e.g. {@code customers-1m}, {@code log-1m}) scanned by both builds in
     * turns, {@code rounds} times each after one warm-up: with {@code -Dpastes=customers-1m,log-1m}.
     */
    private static void pasteInTurns(MethodHandle[] scan, String paste, int rounds) throws Throwable {
        String[] p = paste.split("-");
        String text = Pastes.generate(p[0], p[1].equals("64k") ? 65536 : 1 << 20, 1);
        long[][] pass = new long[2][rounds];
        for (int r = -1; r < rounds; r++) {
            for (int b = 0; b < 2; b++) {
                long c0 = CPU.getCurrentThreadCpuTime();
                Object found = scan[b].invoke(text);
                if (r >= 0) {
                    pass[b][r] = CPU.getCurrentThreadCpuTime() - c0 + (found == null ? 1 : 0);
                }
            }
        }
        Arrays.sort(pass[0]);
        Arrays.sort(pass[1]);
        double m0 = pass[0][rounds / 2] / 1e6;
        double m1 = pass[1][rounds / 2] / 1e6;
        System.out.printf(Locale.ROOT, "%s scan median %8.2f | %8.2f ms  (%.2f)%n", paste, m0, m1, m1 / m0);
    }

    /** {@code Scanner.scan(String)} of the build in {@code classes}, with the detectors of {@code family}. */
    private static MethodHandle scanner(String classes, List<URL> deps, String family) throws Throwable {
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of(classes).toUri().toURL());
        urls.addAll(deps);
        ClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> config = cl.loadClass("dev.hush.config.HushConfig");
        Class<?> scannerClass = cl.loadClass("dev.hush.detect.Scanner");
        Method id = cl.loadClass("dev.hush.detect.Detector").getMethod("id");
        ClassLoader own = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(cl); // the factory finds its detector plugins there
        Object all;
        try {
            all = cl.loadClass("dev.hush.config.ScannerFactory").getMethod("build", config)
                    .invoke(null, config.getConstructor().newInstance());
        } finally {
            Thread.currentThread().setContextClassLoader(own);
        }
        List<Object> kept = new ArrayList<>();
        for (Object d : (List<?>) scannerClass.getMethod("detectors").invoke(all)) {
            String name = (String) id.invoke(d);
            boolean keep = switch (family) {
                case "person" -> name.equals("pii.person");
                case "all" -> true;
                case "no-names" -> !name.equals("pii.person");
                default -> !name.equals("pii.person") && !name.equals("rules"); // no-names-no-rules
            };
            if (keep) {
                kept.add(d);
            }
        }
        Object scanner = scannerClass.getConstructor(List.class, String.class).newInstance(kept, family);
        return MethodHandles.publicLookup().findVirtual(scannerClass, "scan", MethodType.methodType(List.class, String.class))
                .bindTo(scanner).asType(MethodType.methodType(Object.class, String.class));
    }
}
