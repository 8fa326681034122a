package dev.hush.bench;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The credential rules alone (built-in catalogue, Java path) of two builds in one JVM, each in its own class
 * loader, in alternating turns, thread CPU time: a before/after comparison that sees the same load and both JITs
 * warm (separate runs on a shared machine differ by more than most changes). Inputs: the dev corpus, the long
 * pastes of {@link Pastes} (source-64k, prose-1m, log-1m) and the 4 KiB / 64 KiB prompts of
 * {@link ScannerCpuProbe#prompt}; each build's findings are counted and must agree.
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.RuleAbProbe \
 *     ../shared BEFORE/target/classes AFTER/target/classes [rounds]</pre>
 */
public final class RuleAbProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RuleAbProbe() {
    }

    public static void main(String[] args) throws Throwable {
        Path shared = Path.of(args[0]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 9;
        List<String> corpus = JsonlTexts.read(shared.resolve("corpus/dev.jsonl"));
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        inputs.put("corpus", corpus);
        inputs.put("source-64k", List.of(Pastes.generate("source", 65536, 1)));
        inputs.put("prose-1m", List.of(Pastes.generate("prose", 1 << 20, 1)));
        inputs.put("log-1m", List.of(Pastes.generate("log", 1 << 20, 1)));
        inputs.put("prompt-4k", List.of(ScannerCpuProbe.prompt(corpus, 4096)));
        inputs.put("prompt-64k", List.of(ScannerCpuProbe.prompt(corpus, 65536)));
        List<URL> deps = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar")) {
                deps.add(Path.of(e).toUri().toURL());
            }
        }
        MethodHandle[] detect = {rules(args[1], deps), rules(args[2], deps)};
        System.out.printf(Locale.ROOT, "rules alone, %d rounds, median thread CPU per pass (before | after | after/before)%n",
                rounds);
        for (Map.Entry<String, List<String>> in : inputs.entrySet()) {
            List<String> texts = in.getValue();
            long chars = texts.stream().mapToLong(String::length).sum();
            // passes per turn: about 2 MB of text, so short inputs are timed over many scans
            int per = (int) Math.max(1, 2_000_000 / chars);
            long[][] cpu = new long[2][rounds];
            long[] found = new long[2];
            for (int r = -2; r < rounds; r++) { // two warm-up rounds
                for (int b = 0; b < 2; b++) {
                    found[b] = 0;
                    long c0 = CPU.getCurrentThreadCpuTime();
                    for (int k = 0; k < per; k++) {
                        for (String t : texts) {
                            found[b] += (int) detect[b].invokeExact(t);
                        }
                    }
                    if (r >= 0) {
                        cpu[b][r] = (CPU.getCurrentThreadCpuTime() - c0) / per;
                    }
                }
            }
            if (found[0] != found[1]) {
                throw new IllegalStateException(in.getKey() + ": findings differ, " + found[0] + " vs " + found[1]);
            }
            double[] ms = new double[2];
            for (int b = 0; b < 2; b++) {
                Arrays.sort(cpu[b]);
                ms[b] = cpu[b][rounds / 2] / 1e6;
            }
            System.out.printf(Locale.ROOT, "| %s | %d chars | %.3f | %.3f ms | %.2f | %.0f → %.0f MB/s | %d findings |%n",
                    in.getKey(), chars, ms[0], ms[1], ms[1] / ms[0], chars / ms[0] / 1e3, chars / ms[1] / 1e3,
                    found[0] / per);
        }
    }

    /** Findings of the build's built-in rule detector on one text, as a method handle (String) -> int. */
    private static MethodHandle rules(String classes, List<URL> deps) throws Throwable {
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of(classes).toUri().toURL());
        urls.addAll(deps);
        ClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> catalogue = cl.loadClass("dev.hush.detect.rules.RuleCatalogue");
        Class<?> compilerEngine = cl.loadClass("dev.hush.detect.rules.RuleCompiler$Engine");
        Object jdk = compilerEngine.getField("JDK").get(null);
        Object specs = catalogue.getMethod("builtinSpecs").invoke(null);
        Object compiled = catalogue.getMethod("compile", List.class, compilerEngine, Set.class)
                .invoke(null, specs, jdk, Set.of());
        Class<?> detectorClass = cl.loadClass("dev.hush.detect.rules.RuleDetector");
        Object detector = detectorClass.getConstructor(String.class, List.class).newInstance("rules", compiled);
        Class<?> scanText = cl.loadClass("dev.hush.detect.ScanText");
        Class<?> sinkClass = cl.loadClass("dev.hush.detect.FindingSink");
        int[] count = new int[1];
        Object sink = Proxy.newProxyInstance(cl, new Class<?>[] {sinkClass}, (p, m, a) -> {
            if (m.getName().equals("add")) {
                count[0]++;
            }
            return null;
        });
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle of = lookup.findStatic(scanText, "of", MethodType.methodType(scanText, String.class));
        MethodHandle run = lookup.findVirtual(detectorClass, "detect", MethodType.methodType(void.class, scanText, sinkClass))
                .bindTo(detector);
        MethodHandle scan = MethodHandles.insertArguments(MethodHandles.filterArguments(run, 0, of), 1, sink);
        // (String) -> int: scan, then read and clear the count
        MethodHandle read = MethodHandles.lookup().findStatic(RuleAbProbe.class, "take",
                MethodType.methodType(int.class, int[].class)).bindTo(count);
        return MethodHandles.foldArguments(MethodHandles.dropArguments(read, 0, String.class), scan);
    }

    private static int take(int[] count) {
        int c = count[0];
        count[0] = 0;
        return c;
    }
}
