package dev.hush.detect.edm;

import dev.hush.config.EdmSettings;
import dev.hush.config.HashKeyFile;
import dev.hush.detect.Detector;
import dev.hush.detect.ScanText;
import dev.hush.detect.SipHash;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Splits EDM prompt cost (not a unit test): the same 4 KiB prompts against the big set in DATADIR and a
 * 1 000-row set cut from the same CSV, in thread CPU time. Args: DATADIR CSV.
 */
public final class EdmPromptProbe {
    private EdmPromptProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path csv = Path.of(args[1]);
        Path small = Files.createTempDirectory("edm-probe");
        Path smallCsv = small.resolve("small.csv");
        try (var lines = Files.lines(csv)) {
            Files.write(smallCsv, (Iterable<String>) lines.limit(1001)::iterator);
        }
        Files.copy(data.resolve(HashKeyFile.FILE_NAME), small.resolve(HashKeyFile.FILE_NAME));
        byte[] key = HashKeyFile.load(small);
        new EdmStore(small).add(smallCsv, new EdmIndexWriter.Options("customers", List.of("name", "email", "phone", "account", "city"),
                List.of("account"), 2, ','), new SipHash(HashKeyFile.derive(key, EdmStore.KEY_PURPOSE)), HashKeyFile.checkValue(key), true);
        Detector big = EdmPlugin.create(data, new EdmSettings()).get(0);
        Detector tiny = EdmPlugin.create(small, new EdmSettings()).get(0);
        String[] words = ("the a of to and in is for on that with as be by this are from at or it an we our will can please help "
                + "write summary report customer account meeting project quarter revenue review draft email note plan team update "
                + "status issue ticket order payment invoice address phone question answer explain code function error test data "
                + "table query result value number list item").split(" ");
        SplittableRandom r = new SplittableRandom(99);
        ScanText[] prompts = new ScanText[2000];
        for (int i = 0; i < prompts.length; i++) {
            StringBuilder b = new StringBuilder();
            while (b.length() < 4096) {
                b.append(words[r.nextInt(words.length)]).append(r.nextInt(20) == 0 ? ". " : " ");
                if (r.nextInt(40) == 0) {
                    b.append(r.nextInt(100000)).append(' ');
                }
            }
            prompts[i] = ScanText.of(b.toString());
            prompts[i].lower();
        }
        ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            for (Detector d : new Detector[] {tiny, big}) {
                long[] cpu = new long[prompts.length];
                int[] found = new int[1];
                for (int i = 0; i < prompts.length; i++) {
                    long c0 = tmx.getCurrentThreadCpuTime();
                    d.detect(prompts[i], (s, e, t, ru, c) -> found[0]++);
                    cpu[i] = tmx.getCurrentThreadCpuTime() - c0;
                }
                Arrays.sort(cpu);
                System.out.printf(Locale.ROOT, "round %d %s: thread CPU p50 %.1f us p99 %.1f us (findings %d)%n", round,
                        d == tiny ? "1k rows " : "big set ", cpu[cpu.length / 2] / 1e3, cpu[cpu.length * 99 / 100] / 1e3, found[0]);
            }
        }
        EdmStore.deleteTree(small);
    }
}
