package dev.hush.bench;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Detector;
import dev.hush.detect.Scanner;
import dev.hush.detect.rules.CompiledRule;
import dev.hush.detect.rules.GitleaksImporter;
import dev.hush.detect.rules.RuleCatalogue;
import dev.hush.detect.rules.RuleCompiler;
import dev.hush.detect.rules.RuleDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
 * Scanner speed, one thread. Run with {@code bench/scanner.sh} (see docs/benchmarks.md), which also turns
 * the scores into MB/s (chars per op are written to {@code target/jmh-sizes.properties}).
 *
 * <ul>
 *   <li>{@code corpus}: one operation scans every text of the dev corpus with one detector family
 *       ({@code all}, {@code no-names}, {@code rules}, {@code pii}, {@code markers}, {@code person}).
 *       Baseline in the same run: {@code corpusLowercase}, one {@code toLowerCase} pass over the same texts.</li>
 *   <li>{@code corpusRules}: the credential rules alone, per engine (hyperscan, literals, windowed) and
 *       catalogue (the built-in one, and gitleaks' own rules imported through {@code rules.import});
 *       {@code pasteRules}: the same over each long paste.</li>
 *   <li>{@code paste*}: one generated long paste ({@link Pastes}), every detector on, and without person
 *       names; {@code pasteLowercase} is its baseline.</li>
 *   <li>{@code prompt*}: latency distribution (p50/p99) of one prompt of 1, 4 or 64 KiB cut from corpus texts.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScannerBenchmark {
    private Scanner all;
    private Scanner withoutNames;
    private List<String> texts;
    private long corpusChars;
    private Path shared;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        shared = Path.of(System.getProperty("hush.shared", "../shared"));
        texts = JsonlTexts.read(shared.resolve("corpus/dev.jsonl"));
        corpusChars = JsonlTexts.chars(texts);
        all = ScannerFactory.build(new HushConfig());
        withoutNames = family(all, "no-names");
        recordSize("corpus", corpusChars);
        System.out.printf("%n[setup] corpus: %d texts, %d chars; detectors: %s%n", texts.size(), corpusChars,
                all.detectors().stream().map(Detector::id).toList());
    }

    /** The scanner restricted to one detector family. */
    static Scanner family(Scanner all, String family) {
        Predicate<String> keep = switch (family) {
            case "all" -> id -> true;
            case "no-names" -> id -> !id.equals("pii.person");
            case "rules" -> id -> id.equals("rules");
            case "pii" -> id -> id.startsWith("pii.") && !id.equals("pii.person");
            case "person" -> id -> id.equals("pii.person");
            case "markers" -> id -> !id.equals("rules") && !id.startsWith("pii.");
            default -> throw new IllegalArgumentException(family);
        };
        return new Scanner(all.detectors().stream().filter(d -> keep.test(d.id())).toList(), family);
    }

    /** Chars per operation, for the MB/s column bench/scanner.sh prints. */
    static synchronized void recordSize(String key, long chars) throws IOException {
        Path f = Path.of("target/jmh-sizes.properties");
        Files.createDirectories(f.getParent());
        Files.writeString(f, key + "=" + chars + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @State(Scope.Benchmark)
    public static class Family {
        @Param({"all", "no-names", "rules", "pii", "markers", "person"})
        public String family;
        Scanner scanner;

        @Setup(Level.Trial)
        public void setup(ScannerBenchmark b) {
            scanner = family(b.all, family);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void corpus(Family f, Blackhole bh) {
        for (String t : texts) {
            bh.consume(f.scanner.scan(t));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void corpusLowercase(Blackhole bh) {
        for (String t : texts) {
            bh.consume(t.toLowerCase(Locale.ROOT));
        }
    }

    /** The rules alone, per engine: every engine gives the same findings (RuleEngineEquivalenceTest). */
    @State(Scope.Benchmark)
    public static class Rules {
        @Param({"hyperscan", "literals", "windowed"})
        public String engine;
        @Param({"builtin", "gitleaks"})
        public String catalogue;
        Scanner scanner;

        @Setup(Level.Trial)
        public void setup(ScannerBenchmark b) throws Exception {
            List<CompiledRule> rules = catalogue.equals("builtin")
                    ? RuleCatalogue.compile(RuleCatalogue.builtinSpecs(), RuleCompiler.Engine.JDK, Set.of())
                    : GitleaksImporter.importFile(b.shared.resolve("gitleaks/gitleaks.toml")).rules();
            RuleDetector d = new RuleDetector("rules", rules, RuleDetector.Engine.valueOf(engine.toUpperCase(Locale.ROOT)));
            System.out.println("[setup] " + catalogue + ": " + d.engineDescription());
            scanner = new Scanner(List.of(d), engine);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void corpusRules(Rules r, Blackhole bh) {
        for (String t : texts) {
            bh.consume(r.scanner.scan(t));
        }
    }

    /** The rules alone over one long paste, per engine and catalogue; baseline: {@link #pasteLowercase}. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object pasteRules(Rules r, Paste p) {
        return r.scanner.scan(p.text);
    }

    /** One generated long paste (see {@link Pastes}). */
    @State(Scope.Benchmark)
    public static class Paste {
        @Param({"source-64k", "customers-1m", "log-1m", "prose-1m"})
        public String paste;
        String text;

        @Setup(Level.Trial)
        public void setup() throws IOException {
            String[] p = paste.split("-");
            int chars = p[1].equals("64k") ? 65536 : 1 << 20;
            text = Pastes.generate(p[0], chars, 1);
            recordSize("paste." + paste, text.length());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object paste(Paste p) {
        return all.scan(p.text);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object pasteWithoutNames(Paste p) {
        return withoutNames.scan(p.text);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object pasteLowercase(Paste p) {
        return p.text.toLowerCase(Locale.ROOT);
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
        return all.scan(p.text);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object promptWithoutNames(Prompt p) {
        return withoutNames.scan(p.text);
    }
}
