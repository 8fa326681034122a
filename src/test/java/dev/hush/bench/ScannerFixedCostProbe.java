package dev.hush.bench;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Detector;
import dev.hush.detect.Scanner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * What a scan costs before it reads any content (docs/benchmarks.md, fifteenth round): thread CPU per scan of a
 * 5-char word, a 76-char sentence and 200 repeated letters, by each detector of the scanner without person names
 * alone, by no detector (the scanner's own set-up: views, overlap resolution) and by all of them.
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.ScannerFixedCostProbe [scans]</pre>
 */
public final class ScannerFixedCostProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ScannerFixedCostProbe() {
    }

    public static void main(String[] args) throws Exception {
        int scans = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Scanner all = ScannerFactory.build(new HushConfig());
        List<Detector> kept = all.detectors().stream().filter(d -> !d.id().equals("pii.person")).toList();
        String[] texts = {"hello", "Please summarise the meeting notes from yesterday and list the action items.",
            "x".repeat(200)};
        for (int round = 0; round < 3; round++) {
            boolean print = round == 2; // two warm-up rounds
            for (Detector d : kept) {
                measure(new Scanner(List.of(d), "probe"), d.id(), texts, scans, print);
            }
            measure(new Scanner(List.of(), "probe"), "(no detector)", texts, scans, print);
            measure(new Scanner(kept, "probe"), "(all but names)", texts, scans, print);
        }
    }

    private static void measure(Scanner s, String name, String[] texts, int scans, boolean print) {
        for (String t : texts) {
            long found = 0;
            long c0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < scans; i++) {
                found += s.scan(t).size();
            }
            long c = CPU.getCurrentThreadCpuTime() - c0;
            if (print) {
                System.out.printf(Locale.ROOT, "%-18s %4d chars  %8.3f us per scan  (%d findings)%n", name, t.length(),
                        c / 1e3 / scans, found / scans);
            }
        }
    }
}
