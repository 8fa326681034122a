package dev.hush.detect.nlp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.io.InputStream;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.GeneratorFactory;
import opennlp.tools.util.featuregen.WordClusterDictionary;
import opennlp.tools.util.featuregen.WordClusterFeatureGenerator;
import opennlp.tools.util.model.ArtifactSerializer;

/**
 * The name finder's features: word shape (token class), the word and its neighbours, prefixes and
 * suffixes, two granularities of word clusters computed from the training text, gazetteer membership
 * (first name / surname / how common) and cue words (titles, greetings, sign-offs, company suffixes…)
 * in a window. The three dictionaries travel inside the model file as OpenNLP word-cluster resources.
 */
public final class NameFeatures {
    static final String CLUSTERS_COARSE = "clusters-coarse";
    static final String CLUSTERS_FINE = "clusters-fine";
    static final String GAZETTEER = "gazetteer";
    static final String CUES = "cues";

    static final String XML = """
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
                <generator class="opennlp.tools.util.featuregen.PrefixFeatureGeneratorFactory">
                  <int name="length">3</int>
                </generator>
                <generator class="opennlp.tools.util.featuregen.SuffixFeatureGeneratorFactory">
                  <int name="length">3</int>
                </generator>
                <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
                  <int name="prevLength">1</int>
                  <int name="nextLength">1</int>
                  <generator class="dev.hush.detect.nlp.NameFeatures$Clusters">
                    <str name="dict">clusters-coarse</str>
                    <bool name="lowerCase">true</bool>
                  </generator>
                </generator>
                <generator class="dev.hush.detect.nlp.NameFeatures$Clusters">
                  <str name="dict">clusters-fine</str>
                  <bool name="lowerCase">true</bool>
                </generator>
                <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
                  <int name="prevLength">1</int>
                  <int name="nextLength">1</int>
                  <generator class="dev.hush.detect.nlp.NameFeatures$CasedClusters">
                    <str name="dict">gazetteer</str>
                    <bool name="lowerCase">true</bool>
                  </generator>
                </generator>
                <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
                  <int name="prevLength">2</int>
                  <int name="nextLength">1</int>
                  <generator class="dev.hush.detect.nlp.NameFeatures$Clusters">
                    <str name="dict">cues</str>
                    <bool name="lowerCase">true</bool>
                  </generator>
                </generator>
              </generator>
            </featureGenerators>
            """;

    private NameFeatures() {
    }

    /** The resources the feature XML names, ready to hand to the name-finder factory. */
    static Map<String, Object> resources(Map<String, Integer> coarse, Map<String, Integer> fine, Map<String, String> gazetteer,
            Map<String, String> cues) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(CLUSTERS_COARSE, dictionary(toStrings(coarse)));
        r.put(CLUSTERS_FINE, dictionary(toStrings(fine)));
        r.put(GAZETTEER, dictionary(gazetteer));
        r.put(CUES, dictionary(cues));
        return r;
    }

    /** Gazetteer classes: F (first name), L (surname), FL, with "c" appended when the word is also common. */
    static Map<String, String> gazetteerClasses(Map<String, Integer> lexiconEntries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : lexiconEntries.entrySet()) {
            int v = e.getValue();
            if (!NameLexicon.isName(v) || e.getKey().indexOf(' ') >= 0) {
                continue;
            }
            int rank = NameLexicon.rank(v);
            String c = (NameLexicon.isFirst(v) ? "F" : "") + (NameLexicon.isLast(v) ? "L" : "")
                    + (rank == 0 ? "" : rank <= 1000 ? "c1" : rank <= 5000 ? "c2" : "c3");
            out.put(e.getKey(), c);
        }
        return out;
    }

    /** Cue-word classes from {@link NameCues} in every language (one-word entries only). */
    static Map<String, String> cueClasses() {
        NameCues c = new NameCues(List.of("en", "de", "fr", "es"));
        Map<String, String> out = new LinkedHashMap<>();
        put(out, NameCues.NON_PERSON_SUFFIXES, "org");
        put(out, c.determiners, "det");
        put(out, c.personContext, "pctx");
        put(out, c.closings, "close");
        put(out, c.greetings, "greet");
        put(out, NameCues.NEVER_NAMES, "never");
        put(out, c.titles, "title");
        for (String intro : c.introductions) {
            String[] w = intro.split(" ");
            out.put(w[w.length - 1], "intro");
        }
        return out;
    }

    private static void put(Map<String, String> out, Iterable<String> words, String cls) {
        for (String w : words) {
            if (w.indexOf(' ') < 0) {
                out.put(w, cls);
            }
        }
    }

    /** Rewrites the model file {@code bin} with the dictionary resource {@code name} replaced by {@code entries}. */
    static void replaceResource(java.nio.file.Path bin, String name, Map<String, String> entries) throws IOException {
        java.nio.file.Path tmp = bin.resolveSibling(bin.getFileName() + ".tmp");
        try (var in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(bin));
                var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(tmp))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(e.getName().equals(name) ? lines(entries) : in.readAllBytes());
                out.closeEntry();
            }
        }
        java.nio.file.Files.move(tmp, bin, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] lines(Map<String, String> entries) {
        StringBuilder b = new StringBuilder();
        entries.forEach((w, c) -> {
            if (w.indexOf(' ') < 0 && !w.isEmpty()) {
                b.append(w).append(' ').append(c).append('\n');
            }
        });
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> toStrings(Map<String, Integer> clusters) {
        Map<String, String> out = new LinkedHashMap<>();
        clusters.forEach((w, c) -> out.put(w, Integer.toString(c)));
        return out;
    }

    private static WordClusterDictionary dictionary(Map<String, String> entries) throws IOException {
        return new KeptOpen(new ByteArrayInputStream(lines(entries)));
    }

    /**
     * OpenNLP's word-cluster feature, with a dictionary serializer that leaves the model's zip stream open
     * (2.5.6's own closes it on save and on load, so a model with cluster features cannot round-trip).
     * Named in {@link #XML} by class; {@code dict} names the resource, {@code lowerCase} looks words up lower-cased.
     */
    public static final class Clusters extends ClusterFactory {
        @Override
        public AdaptiveFeatureGenerator create() throws InvalidFormatException {
            return new WordClusterFeatureGenerator(dictionary(), getStr("dict"), getBool("lowerCase"));
        }
    }

    /** A generator over the word-cluster resource named by {@code dict}, which it keeps open on save and load. */
    abstract static class ClusterFactory extends GeneratorFactory.AbstractXmlFeatureGeneratorFactory {
        WordClusterDictionary dictionary() throws InvalidFormatException {
            String name = getStr("dict");
            Object dict = resourceManager.getResource(name);
            if (!(dict instanceof WordClusterDictionary w)) {
                throw new InvalidFormatException("missing word-cluster resource: " + name);
            }
            return w;
        }

        @Override
        public Map<String, ArtifactSerializer<?>> getArtifactSerializerMapping() throws InvalidFormatException {
            Map<String, ArtifactSerializer<?>> m = new java.util.HashMap<>();
            m.put(getStr("dict"), new KeptOpenSerializer());
            return m;
        }
    }

    /**
     * The gazetteer class of a word together with how the word is written: "gazetteer" + {@code U} (initial
     * capital), {@code A} (all capitals) or {@code l} (otherwise) + the class. The lists are looked up lower-cased,
     * so without the case a listed name that is also an everyday word ("will", "grace", "gloria" in Spanish)
     * carries the weight of its lower-case uses into its capitalised ones; a maxent model cannot form that
     * conjunction itself. Local (reads the token only), so {@link CompiledNameFinder} compiles it.
     */
    public static final class CasedClusters extends ClusterFactory {
        @Override
        public AdaptiveFeatureGenerator create() throws InvalidFormatException {
            return new CasedClusterGenerator(dictionary(), getStr("dict"));
        }
    }

    /** See {@link CasedClusters}. */
    static final class CasedClusterGenerator implements AdaptiveFeatureGenerator {
        private final WordClusterDictionary dict;
        private final String prefix;

        CasedClusterGenerator(WordClusterDictionary dict, String prefix) {
            this.dict = dict;
            this.prefix = prefix;
        }

        @Override
        public void createFeatures(List<String> features, String[] tokens, int index, String[] previousOutcomes) {
            String w = tokens[index];
            String c = dict.lookupToken(opennlp.tools.util.StringUtil.toLowerCase(w));
            if (c != null) {
                features.add(prefix + caseOf(w) + c);
            }
        }

        /** U: a capital then no capital; A: two or more letters, all capitals; l: anything else. */
        static char caseOf(String w) {
            if (w.isEmpty() || !Character.isUpperCase(w.charAt(0))) {
                return 'l';
            }
            int letters = 0;
            boolean lower = false;
            for (int i = 0; i < w.length(); i++) {
                char ch = w.charAt(i);
                if (Character.isLetter(ch)) {
                    letters++;
                    lower |= Character.isLowerCase(ch);
                }
            }
            return lower ? 'U' : letters >= 2 ? 'A' : 'U';
        }
    }

    /** Reads and writes {@link KeptOpen} dictionaries without closing the model's stream. */
    public static final class KeptOpenSerializer implements ArtifactSerializer<WordClusterDictionary> {
        @Override
        public WordClusterDictionary create(InputStream in) throws IOException {
            return new KeptOpen(new ByteArrayInputStream(in.readAllBytes()));
        }

        @Override
        public void serialize(WordClusterDictionary artifact, OutputStream out) throws IOException {
            artifact.serialize(out);
        }
    }

    /**
     * OpenNLP 2.5.6's {@code WordClusterDictionary.serialize} closes the stream it is given, which is the
     * model's zip stream, so a model with cluster features cannot be saved. This one writes the same
     * format and leaves the stream open.
     */
    static final class KeptOpen extends WordClusterDictionary {
        private final byte[] bytes;

        KeptOpen(ByteArrayInputStream in) throws IOException {
            super(copy(in));
            in.reset();
            this.bytes = in.readAllBytes();
        }

        private static ByteArrayInputStream copy(ByteArrayInputStream in) {
            in.mark(Integer.MAX_VALUE);
            byte[] all = in.readAllBytes();
            in.reset();
            return new ByteArrayInputStream(all);
        }

        @Override
        public void serialize(OutputStream out) throws IOException {
            out.write(bytes);
            out.flush();
        }

        @Override
        public Class<?> getArtifactSerializerClass() {
            return KeptOpenSerializer.class;
        }
    }
}
