package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.bench.Pastes;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled name finder answers exactly as OpenNLP's NameFinderME: the same spans, span probabilities
 * and per-token probabilities on every window (sentence windows, random cuts, whole short texts), for the
 * shipped model and for the same parameters under other feature layouts; a layout it cannot reproduce
 * falls back to NameFinderME. Texts: generated pastes and chat lines always; with ../shared, also the dev
 * corpus and the ner-train dev splits (skipped without them).
 */
class CompiledNameFinderTest {
    private static final Path SHARED = Path.of("../shared");
    private static TokenNameFinderModel shipped;

    @BeforeAll
    static void load() throws Exception {
        shipped = NameFinderModels.load(null).model();
    }

    /** The model (with its models, a few hundred MB) is not kept for the rest of the one-fork suite. */
    @AfterAll
    static void release() {
        shipped = null;
    }

    private static List<String> generatedTexts() {
        List<String> out = new ArrayList<>();
        for (String kind : List.of("prose", "customers", "log", "source")) {
            out.add(Pastes.generate(kind, 24_000, 7));
        }
        out.add("hi priya, can you ask john smith about the invoice? thanks\nBest,\nMarta Kowalczyk");
        out.add("Dear Dr. O'Neill-Baptiste,\nI met Jean-Luc and McDonald at Acme GmbH. -- A. B. Cooper");
        out.add("X");
        out.add("name: ana ruiz; cc: Ola Nordmann (ola@example.org) +47 912 34 567");
        return out;
    }

    private static List<String> sharedTexts() throws Exception {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(SHARED)) {
            return out;
        }
        ObjectMapper json = new ObjectMapper();
        Path dev = SHARED.resolve("corpus/dev.jsonl");
        if (Files.isRegularFile(dev)) {
            try (BufferedReader in = Files.newBufferedReader(dev, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.add(json.readTree(line).path("text").asText());
                }
            }
        }
        Path ner = SHARED.resolve("ner-train");
        for (String corpus : AnnotatedTexts.TRAIN_CORPORA) {
            if (Files.isRegularFile(ner.resolve(corpus + ".jsonl"))) {
                List<AnnotatedTexts.Text> texts = AnnotatedTexts.read(ner, corpus, Set.of("dev"));
                for (int i = 0; i < texts.size(); i += 3) { // every third dev text keeps the test under a minute
                    out.add(texts.get(i).text());
                }
            }
        }
        return out;
    }

    /** The text's sentence windows (at most {@code cap} tokens each) and four random windows of up to 30 tokens. */
    private static List<int[]> windows(Tokens t, Random r, int cap) {
        int[] cuts = Sentences.cuts(t);
        List<int[]> ws = new ArrayList<>();
        for (int c = 0; c + 1 < cuts.length; c++) {
            ws.add(new int[] {cuts[c], cuts[c + 1] - cuts[c] > cap ? cuts[c] + cap : cuts[c + 1]});
        }
        for (int k = 0; k < 4; k++) {
            int f = r.nextInt(t.size());
            ws.add(new int[] {f, Math.min(t.size(), f + 1 + r.nextInt(30))});
        }
        return ws;
    }

    /** Sentence windows, random windows and the whole (capped) text: compiled against NameFinderME. */
    private static long compare(TokenNameFinderModel model, CompiledNameFinder compiled, List<String> texts, long seed) {
        NameFinderME reference = new NameFinderME(model);
        Random r = new Random(seed);
        long windows = 0;
        for (String text : texts) {
            Tokens t = Tokens.of(text);
            if (t.size() == 0) {
                continue;
            }
            CompiledNameFinder.Memo memo = compiled.memo(t);
            List<int[]> ws = windows(t, r, Integer.MAX_VALUE);
            ws.add(new int[] {0, Math.min(t.size(), 60)});
            for (int[] w : ws) {
                Span[] expected = reference.find(t.texts(w[0], w[1]));
                double[] expectedProbs = reference.probs();
                reference.clearAdaptiveData();
                CompiledNameFinder.Tagged got = compiled.tag(memo, w[0], w[1]);
                String where = "window [" + w[0] + ", " + w[1] + ") of a text of " + t.size() + " tokens";
                assertEquals(expected.length, got.spans().length, where);
                for (int s = 0; s < expected.length; s++) {
                    assertEquals(expected[s], got.spans()[s], where); // start, end, type
                    assertEquals(expected[s].getProb(), got.spans()[s].getProb(), 1e-9, where);
                }
                assertEquals(expectedProbs.length, got.probs().length, where);
                for (int q = 0; q < expectedProbs.length; q++) {
                    assertEquals(expectedProbs[q], got.probs()[q], 1e-9, where);
                }
                windows++;
            }
        }
        return windows;
    }

    /**
     * A window tagged only as far as its candidates need ({@code Decoding.through}, asked for growing prefixes as the
     * detector asks): every span over the prefix and every probability in it bit-equal to tagging the whole window,
     * no span over the prefix missing or added; and on most windows fewer tokens tagged than the window has.
     */
    private static long[] comparePrefixes(CompiledNameFinder compiled, List<String> texts, long seed) {
        Random r = new Random(seed);
        long windows = 0;
        long short_ = 0;
        for (String text : texts) {
            Tokens t = Tokens.of(text);
            if (t.size() == 0) {
                continue;
            }
            CompiledNameFinder.Memo memo = compiled.memo(t);
            List<int[]> ws = windows(t, r, 40);
            for (int[] w : ws) {
                int n = w[1] - w[0];
                CompiledNameFinder.Tagged whole = compiled.tag(memo, w[0], w[1]);
                CompiledNameFinder.Decoding d = compiled.decoding(memo, w[0], w[1]);
                int b = 0;
                boolean first = true;
                while (b < n) {
                    b = Math.min(n, b + 1 + r.nextInt(first ? 6 : 12));
                    CompiledNameFinder.Tagged got = d.through(b);
                    if (first && d.tagged() < n) {
                        short_++;
                    }
                    first = false;
                    String where = "prefix " + b + " of window [" + w[0] + ", " + w[1] + ")";
                    for (int q = 0; q < b; q++) {
                        assertEquals(whole.probs()[q], got.probs()[q], 0.0, where + ", token " + q);
                    }
                    List<String> expected = new ArrayList<>();
                    for (Span sp : whole.spans()) {
                        if (sp.getStart() < b) {
                            expected.add(sp + " " + sp.getProb());
                        }
                    }
                    List<String> seen = new ArrayList<>();
                    for (Span sp : got.spans()) {
                        if (sp.getStart() < b) {
                            seen.add(sp + " " + sp.getProb());
                        }
                    }
                    assertEquals(expected, seen, where);
                }
                windows++;
            }
        }
        return new long[] {windows, short_};
    }

    @Test
    void aWindowTaggedAsFarAsAskedAnswersAsTheWholeWindow() throws Exception {
        CompiledNameFinder compiled = CompiledNameFinder.compile(shipped);
        List<String> texts = new ArrayList<>(generatedTexts());
        texts.addAll(sharedTexts());
        long[] counts = comparePrefixes(compiled, texts, 3);
        assertTrue(counts[0] > 500, "windows compared: " + counts[0]);
        assertTrue(counts[1] * 2 > counts[0], "windows whose first prefix left tokens untagged: " + counts[1] + " of " + counts[0]);
    }

    @Test
    void sameAnswersAsNameFinderMeOnGeneratedText() {
        CompiledNameFinder compiled = CompiledNameFinder.compile(shipped);
        assertNotNull(compiled, "the shipped model compiles");
        assertTrue(compare(shipped, compiled, generatedTexts(), 1) > 500);
    }

    @Test
    void sameAnswersAsNameFinderMeOnDevCorpusAndNerDevSplits() throws Exception {
        List<String> texts = sharedTexts();
        org.junit.jupiter.api.Assumptions.assumeFalse(texts.isEmpty(), "skipped: ../shared (dev corpus, ner-train) not here");
        CompiledNameFinder compiled = CompiledNameFinder.compile(shipped);
        assertNotNull(compiled);
        assertTrue(compare(shipped, compiled, texts, 2) > 5_000);
    }

    /**
     * The detector's candidates with either finder: the same offsets and confidences (the decisions), and every
     * feature within 1e-9 (the compiled finder sums the same parameters in another order).
     */
    @Test
    void sameFindingsThroughTheDetector() throws Exception {
        NameFinderModels models = NameFinderModels.load(null);
        List<String> langs = List.of("en", "de", "fr", "es");
        PersonNameDetector fast = new PersonNameDetector(models, 0.0, true, langs, true);
        PersonNameDetector slow = new PersonNameDetector(models, 0.0, true, langs, false);
        List<String> texts = new ArrayList<>(generatedTexts());
        texts.addAll(sharedTexts());
        long candidates = 0;
        for (String text : texts) {
            candidates += assertSameCandidates(slow, fast, text);
        }
        assertTrue(candidates > 100, "the texts have candidates: " + candidates);
    }

    /** Asserts that {@code got} scores the candidates of {@code text} as {@code expected} does; their number. */
    static int assertSameCandidates(PersonNameDetector expected, PersonNameDetector got, String text) {
        List<PersonNameDetector.Candidate> a = new ArrayList<>();
        List<PersonNameDetector.Candidate> b = new ArrayList<>();
        expected.candidates(text, a::add);
        got.candidates(text, b::add);
        assertEquals(a.size(), b.size(), "candidates in a text of " + text.length() + " chars");
        for (int i = 0; i < a.size(); i++) {
            PersonNameDetector.Candidate x = a.get(i);
            PersonNameDetector.Candidate y = b.get(i);
            String where = "candidate " + x.start() + "-" + x.end() + " of a text of " + text.length() + " chars";
            assertEquals(x.start() + "-" + x.end() + ":" + x.confidence(), y.start() + "-" + y.end() + ":" + y.confidence(), where);
            assertEquals(x.features().length, y.features().length, where);
            for (int f = 0; f < x.features().length; f++) {
                assertEquals(x.features()[f], y.features()[f], 1e-9, where + ", feature " + NameEnsemble.FEATURES.get(f));
            }
        }
        return a.size();
    }

    /** Other layouts of generators the trainer could write: compiled where reproducible, equal answers. */
    @Test
    void otherFeatureLayoutsCompileAndAgree() throws Exception {
        String xml = """
                <featureGenerators cache="true" name="nameFinder">
                  <generator class="opennlp.tools.util.featuregen.AggregatedFeatureGeneratorFactory">
                    <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
                      <int name="prevLength">1</int>
                      <int name="nextLength">3</int>
                      <generator class="opennlp.tools.util.featuregen.TokenClassFeatureGeneratorFactory">
                        <bool name="wordAndClass">false</bool>
                      </generator>
                    </generator>
                    <generator class="opennlp.tools.util.featuregen.TokenFeatureGeneratorFactory"/>
                    <generator class="opennlp.tools.util.featuregen.SentenceFeatureGeneratorFactory">
                      <bool name="begin">true</bool>
                      <bool name="end">true</bool>
                    </generator>
                    <generator class="opennlp.tools.util.featuregen.BigramNameFeatureGeneratorFactory"/>
                    <generator class="opennlp.tools.util.featuregen.SuffixFeatureGeneratorFactory">
                      <int name="length">4</int>
                    </generator>
                    <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
                      <int name="prevLength">2</int>
                      <int name="nextLength">0</int>
                      <generator class="dev.hush.detect.nlp.NameFeatures$Clusters">
                        <str name="dict">gazetteer</str>
                        <bool name="lowerCase">true</bool>
                      </generator>
                    </generator>
                  </generator>
                </featureGenerators>
                """;
        TokenNameFinderModel other = rewritten((name, old) -> name.equals("generator.featuregen") ? xml : old);
        CompiledNameFinder compiled = CompiledNameFinder.compile(other);
        assertNotNull(compiled, "a layout of known generators compiles");
        assertTrue(compare(other, compiled, generatedTexts(), 3) > 500);
    }

    @Test
    void unknownGeneratorOrWiderBeamFallsBackToNameFinderMe() throws Exception {
        TokenNameFinderModel adaptive = rewritten((name, old) -> name.equals("generator.featuregen")
                ? old.replace("<generator class=\"opennlp.tools.util.featuregen.BigramNameFeatureGeneratorFactory\"/>",
                        "<generator class=\"opennlp.tools.util.featuregen.PreviousMapFeatureGeneratorFactory\"/>")
                : old);
        assertNull(CompiledNameFinder.compile(adaptive), "an adaptive generator is not compiled");
        TokenNameFinderModel beam3 = rewritten((name, old) -> old.replace("BeamSize=1", "BeamSize=3"));
        assertNull(CompiledNameFinder.compile(beam3), "a beam of 3 is not greedy decoding");
        // the detector still works on such a model, through NameFinderME
        NameFinderModels models = new NameFinderModels(adaptive, NameFinderModels.load(null).lexicon(), Set.of(), Set.of());
        assertNull(models.compiled());
        PersonNameDetector d = new PersonNameDetector(models, 0.5, true, List.of("en"));
        List<String> found = new ArrayList<>();
        d.candidates("Yesterday I spoke with Marta Kowalczyk about the plan.", c -> found.add(c.start() + "-" + c.end()));
        assertTrue(found.contains("23-38"), found.toString());
    }

    /** The shipped model file with its text entries passed through {@code edit(name, text)}. */
    private static TokenNameFinderModel rewritten(java.util.function.BinaryOperator<String> edit) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream raw = NameFinderModels.class.getResourceAsStream(NameFinderModels.CLASSPATH_DIR + NameFinderModels.MODEL);
                ZipInputStream in = new ZipInputStream(raw); ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] body = in.readAllBytes();
                if (e.getName().equals("generator.featuregen") || e.getName().equals("manifest.properties")) {
                    body = edit.apply(e.getName(), new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(body);
                out.closeEntry();
            }
        }
        return new TokenNameFinderModel(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    }
}
