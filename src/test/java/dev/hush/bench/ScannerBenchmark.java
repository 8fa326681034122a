package dev.hush.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Detector;
import dev.hush.detect.Scanner;
import dev.hush.detect.rules.GitleaksImporter;
import dev.hush.detect.rules.RuleDetector;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scanner speed, one thread. Run with {@code bench/scanner.sh} (see docs/benchmarks.md).
 *
 * <ul>
 *   <li>{@code corpus*}: one operation scans every text of the dev corpus; MB/s = corpus bytes / time.
 *       Baselines in the same run: {@code corpusLowercase} (one lower-casing pass, the floor of any
 *       case-insensitive scanner) and {@code corpusGitleaksRules} (gitleaks' own rule file, imported,
 *       on the same texts).</li>
 *   <li>{@code prompt}: latency distribution (p50/p99) of one prompt of 1, 4 or 64 KiB built from corpus texts.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScannerBenchmark {
    private Scanner scanner;
    /** Issue 2's detectors alone: everything but person names. */
    private Scanner withoutNames;
    private Scanner gitleaks;
    /** One detector family alone (issue 10: MB/s per family). */
    private Scanner piiOnly;
    private Scanner termsOnly;
    private Scanner rulesOnly;
    private List<String> texts;
    private long corpusChars;


    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path shared = Path.of(System.getProperty("hush.shared", "../shared"));
        texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(shared.resolve("corpus/dev.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String t = json.readTree(line).path("text").asText();
                texts.add(t);
                corpusChars += t.length();
            }
        }
        scanner = ScannerFactory.build(new HushConfig());
        HushConfig noNames = new HushConfig();
        noNames.detection.disabled.add("pii.person");
        withoutNames = ScannerFactory.build(noNames);
        piiOnly = family(scanner, id -> id.startsWith("pii.") && !id.equals("pii.person"));
        termsOnly = family(scanner, id -> id.equals("markers") || id.equals("terms"));
        rulesOnly = family(scanner, id -> id.equals("rules"));
        GitleaksImporter.Result imported = GitleaksImporter.importFile(shared.resolve("gitleaks/gitleaks.toml"));
        gitleaks = new Scanner(List.<Detector>of(new RuleDetector("gitleaks", imported.rules())), "gitleaks");
        System.out.printf("%n[setup] corpus: %d texts, %d chars; detectors: %s%n", texts.size(), corpusChars,
                scanner.detectors().stream().map(Detector::id).toList());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void corpusHush(Blackhole bh) {
        for (String t : texts) {
            bh.consume(scanner.scan(t));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void corpusHushWithoutNames(Blackhole bh) {
        for (String t : texts) {
            bh.consume(withoutNames.scan(t));
        }
    }

    private static Scanner family(Scanner all, java.util.function.Predicate<String> ids) {
        return new Scanner(all.detectors().stream().filter(d -> ids.test(d.id())).toList(), "family");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void familyPii(Blackhole bh) {
        for (String t : texts) {
            bh.consume(piiOnly.scan(t));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void familyTerms(Blackhole bh) {
        for (String t : texts) {
            bh.consume(termsOnly.scan(t));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void familyRules(Blackhole bh) {
        for (String t : texts) {
            bh.consume(rulesOnly.scan(t));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void corpusGitleaksRules(Blackhole bh) {
        for (String t : texts) {
            bh.consume(gitleaks.scan(t));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void corpusLowercase(Blackhole bh) {
        for (String t : texts) {
            bh.consume(t.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** One prompt of the given size, cut from corpus texts (so it is as dense in findings as the corpus). */
    @State(Scope.Benchmark)
    public static class Prompt {
        @Param({"1024", "4096", "65536"})
        public int promptBytes;

        String text;

        @Setup(Level.Trial)
        public void setup(ScannerBenchmark b) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; sb.length() < promptBytes; i = (i + 7) % b.texts.size()) {
                sb.append(b.texts.get(i)).append("\n\n");
            }
            text = sb.substring(0, promptBytes);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object prompt(Prompt p) {
        return scanner.scan(p.text);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object promptWithoutNames(Prompt p) {
        return withoutNames.scan(p.text);
    }
}
