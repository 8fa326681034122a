package dev.hush.bench;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Every finding of the scanner without person names (the detectors are deterministic, so two builds can be
 * compared line by line) over the dev corpus, the four peer suites, the generated pastes of {@link Pastes}, and
 * corpus texts cut in two and scanned as parts ({@link Scanner#scanJoined}: the split-value windows). Used as
 * the before/after check of a speed change (docs/benchmarks.md); run it with each build's classes and diff:
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.FindingsDump ../shared OUT [names]</pre>
 * With a third argument {@code names}, person names are on too (the pastes cut to 64 KiB: the name model is
 * slow on megabytes).
 */
public final class FindingsDump {
    private FindingsDump() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        boolean names = args.length > 2 && args[2].equals("names");
        Scanner all = ScannerFactory.build(new HushConfig());
        Scanner scanner = names ? all
                : new Scanner(all.detectors().stream().filter(d -> !d.id().equals("pii.person")).toList(), "dump");
        long count = 0;
        try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[1])), false, StandardCharsets.UTF_8)) {
            List<String> corpus = JsonlTexts.read(shared.resolve("corpus/dev.jsonl"));
            count += dump(out, "corpus", corpus, scanner);
            for (String suite : List.of("gitleaks-cases", "noseyparker-cases", "presidio-cases", "presidio-extra-cases")) {
                count += dump(out, suite, JsonlTexts.read(shared.resolve("peer-suites/" + suite + ".jsonl")), scanner);
            }
            for (String paste : List.of("source-64k", "customers-1m", "log-1m", "prose-1m")) {
                String[] p = paste.split("-");
                int size = p[1].equals("64k") || names ? 65536 : 1 << 20;
                count += dump(out, paste, List.of(Pastes.generate(p[0], size, 1)), scanner);
            }
            Random random = new Random(7);
            for (int t = 0; t < corpus.size(); t++) {
                String text = corpus.get(t);
                if (text.length() < 2) {
                    continue;
                }
                int cut = 1 + random.nextInt(text.length() - 1);
                List<List<Finding>> parts = scanner.scanJoined(List.of(text.substring(0, cut), text.substring(cut)));
                for (int k = 0; k < parts.size(); k++) {
                    for (Finding f : parts.get(k)) {
                        out.println("joined#" + t + "." + k + "\t" + line(f));
                        count++;
                    }
                }
            }
        }
        System.out.println(count + " findings");
    }

    private static String line(Finding f) {
        return f.start() + "\t" + f.end() + "\t" + f.type() + "\t" + f.rule() + "\t" + f.confidence();
    }

    private static long dump(PrintStream out, String name, List<String> texts, Scanner scanner) {
        long count = 0;
        for (int t = 0; t < texts.size(); t++) {
            for (Finding f : scanner.scan(texts.get(t))) {
                out.println(name + "#" + t + "\t" + line(f));
                count++;
            }
        }
        return count;
    }
}
