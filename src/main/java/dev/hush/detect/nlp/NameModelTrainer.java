package dev.hush.detect.nlp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderEvaluator;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.eval.FMeasure;

/**
 * Trains the OpenNLP person-name finder on generated sentences and writes the model and the gazetteer.
 * A share of the templates is held out: the model is scored on sentences from templates it never saw,
 * which is the honest measure of what it learnt beyond the templates themselves.
 */
public final class NameModelTrainer {
    /** Token window, token class, suffixes, bigrams and sentence start: cheap, shape-aware features. */
    static final String FEATURES = """
            <featureGenerators cache="true" name="nameFinder">
                <generator class="opennlp.tools.util.featuregen.AggregatedFeatureGeneratorFactory">
                  <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
                    <int name="prevLength">2</int>
                    <int name="nextLength">2</int>
                    <generator class="opennlp.tools.util.featuregen.TokenClassFeatureGeneratorFactory"/>
                  </generator>
                  <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
                    <int name="prevLength">2</int>
                    <int name="nextLength">2</int>
                    <generator class="opennlp.tools.util.featuregen.TokenFeatureGeneratorFactory"/>
                  </generator>
                  <generator class="opennlp.tools.util.featuregen.DefinitionFeatureGeneratorFactory"/>
                  <generator class="opennlp.tools.util.featuregen.BigramNameFeatureGeneratorFactory"/>
                  <generator class="opennlp.tools.util.featuregen.SentenceFeatureGeneratorFactory">
                    <bool name="begin">true</bool>
                    <bool name="end">false</bool>
                  </generator>
                  <generator class="opennlp.tools.util.featuregen.SuffixFeatureGeneratorFactory"/>
                </generator>
            </featureGenerators>
            """;

    /** What a training run did, for the command's report. */
    public record Report(int firstNames, int lastNames, int lexiconEntries, int trainSentences, int heldOutTemplates,
            double heldOutPrecision, double heldOutRecall, double heldOutF1, long modelBytes, long millis) {
    }

    private NameModelTrainer() {
    }

    /**
     * Builds the gazetteer and trains the model into {@code outDir} ({@code lexicon.tsv.gz},
     * {@code person-name-finder.bin}).
     */
    public static Report train(NameListBuilder lists, Path outDir, int sentences, int iterations, long seed)
            throws IOException {
        long t0 = System.currentTimeMillis();
        Files.createDirectories(outDir);
        lists.writeLexicon(outDir.resolve(NameFinderModels.LEXICON));
        List<String[]> templates = new ArrayList<>(TrainingSentences.templates());
        Random rnd = new Random(seed);
        Collections.shuffle(templates, rnd);
        int held = Math.max(1, templates.size() / 5);
        List<String[]> heldOut = templates.subList(0, held);
        List<String[]> trainT = templates.subList(held, templates.size());
        TrainingSentences gen = new TrainingSentences(lists, rnd);
        List<NameSample> train = gen.generate(trainT, sentences);
        TokenNameFinderModel model = trainModel(train, iterations);
        List<NameSample> test = new TrainingSentences(lists, new Random(seed + 1)).generate(heldOut, Math.max(200, sentences / 10));
        TokenNameFinderEvaluator ev = new TokenNameFinderEvaluator(new NameFinderME(model));
        ev.evaluate(ObjectStreamUtils.createObjectStream(test));
        FMeasure fm = ev.getFMeasure();
        Path bin = outDir.resolve(NameFinderModels.MODEL);
        try (OutputStream o = Files.newOutputStream(bin)) {
            model.serialize(o);
        }
        return new Report(lists.firstNames.size(), lists.lastNames.size(), (int) countLines(outDir.resolve(NameFinderModels.LEXICON)),
                train.size(), held, fm.getPrecisionScore(), fm.getRecallScore(), fm.getFMeasure(), Files.size(bin),
                System.currentTimeMillis() - t0);
    }

    static TokenNameFinderModel trainModel(List<NameSample> samples, int iterations) throws IOException {
        TrainingParameters p = TrainingParameters.defaultParams();
        p.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
        p.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        p.put(TrainingParameters.CUTOFF_PARAM, 3);
        p.put(TrainingParameters.THREADS_PARAM, 1);
        // greedy decoding: a third of the cost of the default beam of 3, and the ensemble only needs a vote
        p.put(BeamSearch.BEAM_SIZE_PARAMETER, 1);
        TokenNameFinderFactory factory = new TokenNameFinderFactory(FEATURES.getBytes(StandardCharsets.UTF_8),
                Map.of(), new BioCodec());
        return NameFinderME.train("mul", NameFinderModels.PERSON, ObjectStreamUtils.createObjectStream(samples), p, factory);
    }

    private static long countLines(Path gz) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            long n = 0;
            int b;
            byte[] buf = new byte[65536];
            while ((b = in.read(buf)) > 0) {
                for (int i = 0; i < b; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
            return n;
        }
    }
}
