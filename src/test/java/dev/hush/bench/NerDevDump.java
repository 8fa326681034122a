package dev.hush.bench;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import dev.hush.detect.nlp.AnnotatedTexts;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every finding of the whole scanner (person names on) over the dev splits of every corpus in a {@code ner-train}
 * directory: the before/after check of a change to person names on annotated text, beside {@link FindingsDump}.
 * <pre>java -cp "target/test-classes:CLASSES:$(cat target/bench.cp)" dev.hush.bench.NerDevDump ../shared/ner-train OUT</pre>
 */
public final class NerDevDump {
    private NerDevDump() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Scanner scanner = ScannerFactory.build(new HushConfig());
        List<String> corpora;
        try (Stream<Path> files = Files.list(dir)) {
            corpora = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .map(n -> n.substring(0, n.length() - ".jsonl".length())).sorted().toList();
        }
        long count = 0;
        long texts = 0;
        try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[1])), false, StandardCharsets.UTF_8)) {
            for (String corpus : corpora) {
                List<AnnotatedTexts.Text> dev = AnnotatedTexts.read(dir, corpus, Set.of("dev"));
                for (AnnotatedTexts.Text t : dev) {
                    texts++;
                    for (Finding f : scanner.scan(t.text())) {
                        out.println(corpus + "#" + t.id() + "\t" + f.start() + "\t" + f.end() + "\t" + f.type() + "\t"
                                + f.rule() + "\t" + f.confidence());
                        count++;
                    }
                }
            }
        }
        System.out.println(texts + " texts, " + count + " findings");
    }
}
