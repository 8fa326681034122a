package dev.hush.bench;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Detector;
import dev.hush.detect.Scanner;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Scans one input over and over for a JFR recording (docs/benchmarks.md, "PII detectors and the scanner core,
 * sixth round"): the scanner without person names and credential rules ({@code no-names-no-rules}, as in
 * {@link ScannerAbProbe}) or another family, over the dev corpus ({@code corpus}), a 64 KiB prompt
 * ({@code prompt-64k}, as {@link ScannerCpuProbe#prompt}) or a generated paste ({@code customers-1m} etc.).
 * <pre>java -XX:StartFlightRecording=filename=/tmp/p.jfr,settings=profile -cp ... \
 *     dev.hush.bench.ScannerProfileLoop ../shared corpus,prompt-64k,customers-1m 20 [family]</pre>
 * Each input is scanned for the given number of seconds; the median thread CPU per scan is printed.
 */
public final class ScannerProfileLoop {
    private ScannerProfileLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 20;
        String family = args.length > 3 ? args[3] : "no-names-no-rules";
        List<String> corpus = JsonlTexts.read(shared.resolve("corpus/dev.jsonl"));
        Scanner all = ScannerFactory.build(new HushConfig());
        List<Detector> kept = all.detectors().stream().filter(d -> switch (family) {
            case "all" -> true;
            case "no-names" -> !d.id().equals("pii.person");
            default -> !d.id().equals("pii.person") && !d.id().equals("rules");
        }).toList();
        Scanner scanner = new Scanner(kept, family);
        for (String input : args[1].split(",")) {
            List<String> texts = switch (input) {
                case "corpus" -> corpus;
                case "prompt-4k" -> List.of(ScannerCpuProbe.prompt(corpus, 4096));
                case "prompt-64k" -> List.of(ScannerCpuProbe.prompt(corpus, 65536));
                default -> {
                    String[] p = input.split("-");
                    yield List.of(Pastes.generate(p[0], p[1].equals("64k") ? 65536 : 1 << 20, 1));
                }
            };
            long until = System.nanoTime() + (long) (seconds * 1e9);
            long[] cpu = new long[1 << 16];
            int n = 0;
            long found = 0;
            while (System.nanoTime() < until && n < cpu.length) {
                long c0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                for (String t : texts) {
                    found += scanner.scan(t).size();
                }
                cpu[n++] = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0;
            }
            java.util.Arrays.sort(cpu, 0, n);
            System.out.printf(Locale.ROOT, "%s %s: %d passes, median %.3f ms CPU per pass, %d findings per pass%n",
                    family, input, n, cpu[n / 2] / 1e6, found / Math.max(1, n));
        }
    }
}
