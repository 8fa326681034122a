package dev.hush.detect.nlp;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.UniformPrior;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameFinderSequenceValidator;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.SequenceCodec;
import opennlp.tools.util.SequenceValidator;
import opennlp.tools.util.Span;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.AggregatedFeatureGenerator;
import opennlp.tools.util.featuregen.BigramNameFeatureGenerator;
import opennlp.tools.util.featuregen.CachedFeatureGenerator;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;
import opennlp.tools.util.featuregen.OutcomePriorFeatureGenerator;
import opennlp.tools.util.featuregen.PrefixFeatureGenerator;
import opennlp.tools.util.featuregen.SentenceFeatureGenerator;
import opennlp.tools.util.featuregen.SuffixFeatureGenerator;
import opennlp.tools.util.featuregen.TokenClassFeatureGenerator;
import opennlp.tools.util.featuregen.TokenFeatureGenerator;
import opennlp.tools.util.featuregen.WindowFeatureGenerator;
import opennlp.tools.util.featuregen.WordClusterFeatureGenerator;

/**
 * The same answers as OpenNLP's {@link NameFinderME#find} with a greedy (beam 1) maxent model, at a
 * fraction of the cost. {@code NameFinderME} builds ~50 feature strings per token and window (window
 * features re-run their generator for every neighbour, and every overlapping window starts again), then
 * looks each string up in the model's {@code HashMap} and adds ~100 scattered parameters. Here the features
 * that depend on one word only (word, class, prefixes, suffixes, clusters — including their window-shifted
 * copies) are summed once per distinct word into one dense vector per window offset (a bounded cache shared
 * by all texts), so a token costs one vector add per offset, one for its two bigram pairs (class pairs from a
 * table, word pairs only for words that start one in the model), one for its position, and the
 * previous-outcome features, also dense per word and previous outcome.
 *
 * <p>Summing per word changes the order of the floating-point additions, so probabilities differ from
 * {@code NameFinderME}'s in the last bits (~1e-15); decisions and spans are the same and probabilities agree
 * within 1e-9 ({@code CompiledNameFinderTest}, over the dev corpus, the ner-train dev splits and generated
 * text). Feature strings still come from the model's own generator objects (called on one token or one
 * pair), so their formats cannot drift. {@link #compile} returns null — and the caller keeps
 * {@code NameFinderME} — for any model it cannot reproduce: a beam wider than 1, a model other than GIS
 * maxent with a uniform prior, a custom factory or sequence validator, or a feature generator not in the list
 * below.
 */
final class CompiledNameFinder {
    private static final System.Logger LOG = System.getLogger(CompiledNameFinder.class.getName());
    /** Distinct tokens whose rows are kept; the map is dropped when full (bounded memory, Zipfian words). */
    private static final int TOKEN_CACHE = 50_000;
    /** BeamSearch drops sequences whose log score falls to this (its default minimum). */
    private static final double MIN_SEQUENCE_SCORE = -100000;
    /** Word pairs whose rows are kept (in all, with their first words' rows; forgotten with them). */
    private static final int PAIR_CACHE = 200_000;
    /** Tokens per block of a text's bigram rows (one bit each in a long). */
    private static final int BLOCK = 64;
    /** A pair of words the model has no feature for. */
    private static final double[] NO_PAIR = new double[0];
    /** Token classes ({@code FeatureGeneratorUtil.tokenFeature}: ~17) whose class pairs are kept in a table. */
    private static final int CLASSES = 64;

    /** One generator of the model's feature list, in the list's order. */
    private sealed interface Part permits Local, Pair, Position {
    }

    /** A generator of one token's features, with a window of prev/next copies. */
    private record Local(AdaptiveFeatureGenerator g, int prev, int next) implements Part {
    }

    /**
     * OpenNLP's bigram features: of the pair (k-1, k) at k and of (k, k+1) at k. When the generator's strings
     * are the known ones ({@link #bigramFormat}, checked at compile time), the word pair is looked up only
     * for a first word that starts some word-pair feature of the model, and the class pair comes from a
     * table by the words' class ids; otherwise the generator is called on the pair.
     */
    private record Pair(AdaptiveFeatureGenerator g, boolean known) implements Part {
    }

    /** First/last-token features (summed at compile time into {@link #position}). */
    private record Position(AdaptiveFeatureGenerator g) implements Part {
    }

    /**
     * One word's share of every token's sums: {@code local} holds, per window offset (the word itself, then as
     * the d-th previous token, then as the d-th next), the summed parameters of its own features, outcome-major
     * ({@code offset * K + outcome}); {@code previous} the summed "pow"/"powf" parameters per previous outcome;
     * {@code rights}, for a word that starts some word-pair feature of the model (else null), the word-pair rows
     * ("pw,w" then "w,nw", dense) of the second words met so far (within {@link #PAIR_CACHE} pairs in all).
     */
    private record Atoms(double[] local, double[] previous, String shape, int shapeId, Map<String, double[]> rights) {
    }

    private final Map<String, Context> pmap;
    private final String[] outcomes;
    /** Number of outcomes: the length of every dense vector. */
    private final int k;
    /** Previous-outcome values: the model's outcomes, then "other" when the model has none of that name. */
    private final String[] previous;
    private final int initial;
    /** Summed "po=" and "ppo=" parameters per previous outcome value (dense, {@code value * K + outcome}). */
    private final double[] po;
    private final double[] ppo;
    private final Local[] locals;
    private final Pair[] pairs;
    /** Widest window of any local part. */
    private final int maxPrev;
    private final int maxNext;
    /** Summed position rows: single, first, middle, last (dense). */
    private final double[] position;
    private final boolean hasPosition;
    /** First words of the model's word-pair features ("pw,w=a,b", "w,nw=a,b"); every comma could end a. */
    private final Set<String> lefts;
    /** valid[last + 1][o]: outcome o may follow outcome last (-1: at the start), as the codec's validator says. */
    private final boolean[][] valid;
    private final double logPrior;
    private final SequenceCodec<String> codec;
    /** The codec is OpenNLP's BIO codec, whose spans {@link Decoding#through} reads from a prefix of the outcomes. */
    private final boolean bio;
    /** continues[o]: outcome o continues a name ("cont"). */
    private final boolean[] continues;
    private final Map<String, Atoms> tokens = new ConcurrentHashMap<>();
    private final Map<String, Integer> shapeIds = new ConcurrentHashMap<>();
    private final AtomicInteger nextShapeId = new AtomicInteger();
    private final AtomicInteger pairsCached = new AtomicInteger();
    /** Class-pair rows (before ++ after, dense) by class ids, filled on first use. */
    private final AtomicReferenceArray<double[]> classPairs = new AtomicReferenceArray<>(CLASSES * CLASSES);

    private CompiledNameFinder(Map<String, Context> pmap, String[] outcomes, List<Part> parts, SequenceCodec<String> codec) {
        this.pmap = pmap;
        this.outcomes = outcomes;
        this.k = outcomes.length;
        int other = Arrays.asList(outcomes).indexOf(NameFinderME.OTHER);
        this.previous = other >= 0 ? outcomes : Arrays.copyOf(outcomes, outcomes.length + 1);
        if (other < 0) {
            previous[outcomes.length] = NameFinderME.OTHER;
        }
        this.initial = other >= 0 ? other : outcomes.length;
        this.po = new double[previous.length * k];
        this.ppo = new double[previous.length * k];
        for (int v = 0; v < previous.length; v++) {
            add(po, v * k, pmap.get("po=" + previous[v]));
            add(ppo, v * k, pmap.get("ppo=" + previous[v]));
        }
        this.locals = parts.stream().filter(p -> p instanceof Local).toArray(Local[]::new);
        this.pairs = parts.stream().filter(p -> p instanceof Pair).toArray(Pair[]::new);
        this.maxPrev = Arrays.stream(locals).mapToInt(Local::prev).max().orElse(0);
        this.maxNext = Arrays.stream(locals).mapToInt(Local::next).max().orElse(0);
        this.position = new double[4 * k];
        String[][] shapes = {{"a"}, {"a", "b", "c"}, {"a", "b", "c"}, {"a", "b", "c"}};
        int[] at = {0, 0, 1, 2};
        boolean pos = false;
        for (Part p : parts) {
            if (p instanceof Position q) {
                pos = true;
                for (int w = 0; w < 4; w++) {
                    add(position, w * k, features(q.g(), shapes[w], at[w]), "");
                }
            }
        }
        this.hasPosition = pos;
        this.lefts = new HashSet<>();
        if (Arrays.stream(pairs).anyMatch(Pair::known)) {
            for (String key : pmap.keySet()) {
                if (key.startsWith("pw,w=") || key.startsWith("w,nw=")) {
                    String pair = key.substring(5);
                    for (int c = pair.indexOf(','); c >= 0; c = pair.indexOf(',', c + 1)) {
                        lefts.add(pair.substring(0, c));
                    }
                }
            }
        }
        SequenceValidator<String> validator = codec.createSequenceValidator();
        this.valid = new boolean[k + 1][k];
        for (int last = -1; last < k; last++) {
            String[] before = last < 0 ? new String[0] : new String[] {outcomes[last]};
            for (int o = 0; o < k; o++) {
                valid[last + 1][o] = validator.validSequence(before.length, new String[before.length + 1], before, outcomes[o]);
            }
        }
        this.logPrior = StrictMath.log(1.0 / outcomes.length); // UniformPrior's
        this.codec = codec;
        this.bio = codec.getClass() == BioCodec.class;
        this.continues = new boolean[k];
        for (int o = 0; o < k; o++) {
            continues[o] = outcomes[o].endsWith(BioCodec.CONTINUE);
        }
    }

    /** The compiled finder for {@code model}, or null (logged) when only {@code NameFinderME} can run it. */
    static CompiledNameFinder compile(TokenNameFinderModel model) {
        try {
            String why = unsupported(model);
            if (why != null) {
                LOG.log(System.Logger.Level.INFO, "person names: OpenNLP NameFinderME (" + why + ")");
                return null;
            }
            AbstractModel maxent = model.getArtifact("nameFinder.model");
            Object[] data = maxent.getDataStructures(); // parameters, predicate map, outcome names
            @SuppressWarnings("unchecked")
            Map<String, Context> pmap = (Map<String, Context>) data[1];
            String[] outcomes = (String[]) data[2];
            List<Part> parts = new ArrayList<>();
            if (!flatten(model.getFactory().createFeatureGenerators(), parts)) {
                LOG.log(System.Logger.Level.INFO, "person names: OpenNLP NameFinderME (a feature generator it cannot compile)");
                return null;
            }
            LOG.log(System.Logger.Level.INFO, "person names: compiled name finder (" + parts.size() + " feature generators)");
            return new CompiledNameFinder(pmap, outcomes, parts, model.getFactory().createSequenceCodec());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "person names: OpenNLP NameFinderME (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static String unsupported(TokenNameFinderModel model) throws ReflectiveOperationException {
        String beam = model.getManifestProperty("BeamSize");
        if (beam == null || Integer.parseInt(beam.trim()) != 1) {
            return "beam size " + beam;
        }
        if (model.getFactory().getClass() != TokenNameFinderFactory.class) {
            return "custom factory";
        }
        // its answer depends on the last outcome only, which the table of valid successions relies on
        if (model.getFactory().createSequenceCodec().createSequenceValidator().getClass() != NameFinderSequenceValidator.class) {
            return "sequence validator " + model.getFactory().createSequenceCodec().getClass().getSimpleName();
        }
        Object m = model.getArtifact("nameFinder.model");
        if (!(m instanceof GISModel gis)) {
            return "not a GIS maxent model";
        }
        Field prior = AbstractModel.class.getDeclaredField("prior");
        prior.setAccessible(true);
        if (prior.get(gis).getClass() != UniformPrior.class) {
            return "non-uniform prior";
        }
        return null;
    }

    /** Appends the parts of g in OpenNLP's feature order; false when some generator is not reproducible. */
    private static boolean flatten(AdaptiveFeatureGenerator g, List<Part> parts) throws ReflectiveOperationException {
        if (g instanceof CachedFeatureGenerator c && g.getClass() == CachedFeatureGenerator.class) {
            return flatten(c.getCachedFeatureGenerator(), parts);
        }
        if (g.getClass() == AggregatedFeatureGenerator.class) {
            for (AdaptiveFeatureGenerator child : ((AggregatedFeatureGenerator) g).getGenerators()) {
                if (!flatten(child, parts)) {
                    return false;
                }
            }
            return true;
        }
        if (g.getClass() == WindowFeatureGenerator.class) {
            AdaptiveFeatureGenerator inner = (AdaptiveFeatureGenerator) field(g, "generator");
            if (!local(inner)) {
                return false;
            }
            parts.add(new Local(inner, (Integer) field(g, "prevWindowSize"), (Integer) field(g, "nextWindowSize")));
            return true;
        }
        if (local(g)) {
            parts.add(new Local(g, 0, 0));
            return true;
        }
        if (g.getClass() == BigramNameFeatureGenerator.class) {
            parts.add(new Pair(g, bigramFormat(g)));
            return true;
        }
        if (g.getClass() == SentenceFeatureGenerator.class) {
            parts.add(new Position(g));
            return true;
        }
        return false;
    }

    /** True when the bigram generator writes the strings {@link #pair} builds, on a few probe pairs. */
    private static boolean bigramFormat(AdaptiveFeatureGenerator g) {
        String[][] probes = {{"Ab", "c1"}, {"x", "Y-Z"}, {"\u00c9T\u00c9", "2024"}, {",", "and"}};
        for (String[] p : probes) {
            String a = FeatureGeneratorUtil.tokenFeature(p[0]);
            String b = FeatureGeneratorUtil.tokenFeature(p[1]);
            List<String> before = new ArrayList<>();
            g.createFeatures(before, p, 1, null);
            List<String> after = new ArrayList<>();
            g.createFeatures(after, p, 0, null);
            if (!before.equals(List.of("pw,w=" + p[0] + "," + p[1], "pwc,wc=" + a + "," + b))
                    || !after.equals(List.of("w,nw=" + p[0] + "," + p[1], "wc,nc=" + a + "," + b))) {
                return false;
            }
        }
        return true;
    }

    /** Generators whose features at index i read tokens[i] only (stateless, not adaptive). */
    private static boolean local(AdaptiveFeatureGenerator g) {
        Class<?> c = g.getClass();
        if (c == AggregatedFeatureGenerator.class) {
            return ((AggregatedFeatureGenerator) g).getGenerators().stream().allMatch(CompiledNameFinder::local);
        }
        if (c == CachedFeatureGenerator.class) {
            return local(((CachedFeatureGenerator) g).getCachedFeatureGenerator());
        }
        return c == TokenClassFeatureGenerator.class || c == TokenFeatureGenerator.class || c == PrefixFeatureGenerator.class
                || c == SuffixFeatureGenerator.class || c == WordClusterFeatureGenerator.class
                || c == OutcomePriorFeatureGenerator.class || c == NameFeatures.CasedClusterGenerator.class;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    private static List<String> features(AdaptiveFeatureGenerator g, String[] tokens, int i) {
        List<String> features = new ArrayList<>(8);
        g.createFeatures(features, tokens, i, null);
        return features;
    }

    /** Adds the parameters of {@code features} (each prefixed; unknown ones dropped) into {@code sums[at..at+K)}. */
    private void add(double[] sums, int at, List<String> features, String prefix) {
        for (String f : features) {
            add(sums, at, pmap.get(prefix.isEmpty() ? f : prefix + f));
        }
    }

    private static void add(double[] sums, int at, Context c) {
        if (c == null) {
            return;
        }
        int[] o = c.getOutcomes();
        double[] v = c.getParameters();
        for (int a = 0; a < o.length; a++) {
            sums[at + o[a]] += v[a];
        }
    }

    /** Per-text memo: each token's word rows, and the bigram rows at each token, filled on first use. */
    final class Memo {
        private final Tokens t;
        private final String[] words;
        private final Atoms[] atoms;
        /**
         * Dense bigram rows at token q (pair (q-1, q) then pair (q, q+1)) in blocks of {@link #BLOCK} tokens, allocated
         * when a window first reaches them (the model reads at most its budget of a long text); {@code paired}: one
         * bit per token whose rows are there.
         */
        private double[][] pairRows;
        private long[] paired;

        private Memo(Tokens t) {
            this.t = t;
            this.words = new String[t.size()];
            this.atoms = new Atoms[t.size()];
        }

        private String word(int q) {
            String w = words[q];
            if (w == null) {
                w = t.text(q);
                words[q] = w;
            }
            return w;
        }

        private Atoms atoms(int q) {
            Atoms a = atoms[q];
            if (a == null) {
                a = atomsOf(word(q));
                atoms[q] = a;
            }
            return a;
        }

        /** Token q's bigram rows: before at {@code [q % BLOCK * 2K]}, after K further, of the returned block. */
        private double[] pairs(int q) {
            if (pairRows == null) {
                pairRows = new double[(t.size() + BLOCK - 1) / BLOCK][];
                paired = new long[pairRows.length];
            }
            double[] block = pairRows[q / BLOCK];
            if (block == null) {
                block = new double[BLOCK * 2 * k];
                pairRows[q / BLOCK] = block;
            }
            long bit = 1L << (q % BLOCK);
            if ((paired[q / BLOCK] & bit) == 0) {
                paired[q / BLOCK] |= bit;
                int at = q % BLOCK * 2 * k;
                for (Pair p : pairs) {
                    if (q > 0) {
                        pair(p, this, q - 1, true, block, at);
                    }
                    if (q + 1 < t.size()) {
                        pair(p, this, q, false, block, at + k);
                    }
                }
            }
            return block;
        }
    }

    /**
     * Adds the rows of the pair (j, j+1) into {@code sums[at..]}: the ones at j+1 ("pw,w", "pwc,wc") when
     * {@code second}, else the ones at j ("w,nw", "wc,nc").
     */
    private void pair(Pair p, Memo m, int j, boolean second, double[] sums, int at) {
        String a = m.word(j);
        String b = m.word(j + 1);
        if (!p.known()) {
            add(sums, at, features(p.g(), new String[] {a, b}, second ? 1 : 0), "");
            return;
        }
        Atoms x = m.atoms(j);
        Atoms y = m.atoms(j + 1);
        if (x.rights() != null) {
            double[] w = words(x, a, b);
            if (w != NO_PAIR) {
                int from = second ? 0 : k;
                for (int o = 0; o < k; o++) {
                    sums[at + o] += w[from + o];
                }
            }
        }
        double[] cls = classPair(x, y);
        int from = second ? 0 : k;
        for (int o = 0; o < k; o++) {
            sums[at + o] += cls[from + o];
        }
    }

    /** The word-pair rows of (a, b), a's atoms x: "pw,w" then "w,nw", dense; {@link #NO_PAIR} when the model has neither. */
    private double[] words(Atoms x, String a, String b) {
        double[] r = x.rights().get(b);
        if (r == null) {
            Context before = pmap.get("pw,w=" + a + "," + b);
            Context after = pmap.get("w,nw=" + a + "," + b);
            r = NO_PAIR;
            if (before != null || after != null) {
                r = new double[2 * k];
                add(r, 0, before);
                add(r, k, after);
            }
            if (pairsCached.incrementAndGet() <= PAIR_CACHE) {
                x.rights().put(b, r);
            }
        }
        return r;
    }

    /** The class-pair rows of (x, y): "pwc,wc" then "wc,nc", dense. */
    private double[] classPair(Atoms x, Atoms y) {
        boolean table = x.shapeId() < CLASSES && y.shapeId() < CLASSES;
        int slot = x.shapeId() * CLASSES + y.shapeId();
        double[] r = table ? classPairs.get(slot) : null;
        if (r == null) {
            r = new double[2 * k];
            add(r, 0, pmap.get("pwc,wc=" + x.shape() + "," + y.shape()));
            add(r, k, pmap.get("wc,nc=" + x.shape() + "," + y.shape()));
            if (table) {
                classPairs.set(slot, r);
            }
        }
        return r;
    }

    /** Forgets the token rows (benchmarks measure the path of words not seen before with it). */
    void clearTokenCache() {
        tokens.clear();
        pairsCached.set(0);
    }

    /** A memo for the windows of one text. */
    Memo memo(Tokens t) {
        return new Memo(t);
    }

    private Atoms atomsOf(String token) {
        Atoms a = tokens.get(token);
        if (a != null) {
            return a;
        }
        String[] one = {token};
        double[] local = new double[(1 + maxPrev + maxNext) * k];
        for (Local l : locals) {
            List<String> features = features(l.g(), one, 0);
            add(local, 0, features, "");
            for (int d = 1; d <= l.prev(); d++) {
                add(local, d * k, features, WindowFeatureGenerator.PREV_PREFIX + d);
            }
            for (int d = 1; d <= l.next(); d++) {
                add(local, (maxPrev + d) * k, features, WindowFeatureGenerator.NEXT_PREFIX + d);
            }
        }
        String shape = FeatureGeneratorUtil.tokenFeature(token);
        double[] prev = new double[previous.length * k];
        for (int v = 0; v < previous.length; v++) {
            add(prev, v * k, pmap.get("pow=" + previous[v] + "," + token));
            add(prev, v * k, pmap.get("powf=" + previous[v] + "," + shape));
        }
        int id = shapeIds.computeIfAbsent(shape, x -> nextShapeId.getAndIncrement());
        a = new Atoms(local, prev, shape, id, lefts.contains(token) ? new ConcurrentHashMap<>() : null);
        if (tokens.size() >= TOKEN_CACHE) {
            clearTokenCache();
        }
        tokens.put(token, a);
        return a;
    }

    /** The finder's answer on one window: spans relative to its first token, each token's probability. */
    record Tagged(Span[] spans, double[] probs) {
    }

    /** Tags tokens [from, to) of the memo's text as one sequence, as {@code NameFinderME.find} on them would. */
    Tagged tag(Memo m, int from, int to) {
        Decoding d = new Decoding(m, from, to);
        d.extend(to - from);
        return d.answer(to - from);
    }

    /** Tokens [from, to) of the memo's text as one sequence, tagged only as far as {@link Decoding#through} is asked. */
    Decoding decoding(Memo m, int from, int to) {
        return new Decoding(m, from, to);
    }

    /**
     * Greedy decoding of one window, left to right, resumed where it stopped: a token's outcome depends on the
     * tokens up to {@code maxNext} after it, its place in the window (first, last, inside: the window's length is
     * fixed) and the outcomes before it, never on the outcomes after it, so the first tokens of a window are
     * tagged exactly as {@link #tag} tags them, whatever follows. A candidate near the start of a long window
     * thus costs only the tokens up to it (and the look-ahead), not the whole window.
     */
    final class Decoding {
        private final Memo m;
        private final int from;
        private final int n;
        private final int[] out;
        private final double[] probs;
        private final double[] sums = new double[k];
        private double score;
        private int done;

        private Decoding(Memo m, int from, int to) {
            this.m = m;
            this.from = from;
            this.n = to - from;
            this.out = new int[n];
            this.probs = new double[n];
        }

        /** How many of the window's tokens are tagged so far. */
        int tagged() {
            return done;
        }

        /** Tags the window's tokens up to {@code until} (relative, exclusive). */
        void extend(int until) {
            for (int i = done; i < Math.min(until, n); i++) {
                step(i);
            }
            done = Math.max(done, Math.min(until, n));
        }

        /**
         * The answer for the window's tokens before {@code b} (relative): every span that overlaps them, whole
         * (tagging goes on past b until a token that continues no name), and their probabilities, the same as
         * {@link #tag}'s for them. Spans that start later are not in it. Without the BIO codec, the whole window.
         */
        Tagged through(int b) {
            int p = Math.min(Math.max(b, 0), n);
            if (!bio) {
                p = n;
            }
            extend(p);
            while (p < n) {
                extend(p + 1); // token p: a continuation carries the name over token p - 1 on, a start or other closes it
                if (!continues[out[p]]) {
                    break;
                }
                p++;
            }
            return answer(p);
        }

        /** Spans decoded from the outcomes of tokens [0, p) with their mean probabilities; probs of every tagged token. */
        private Tagged answer(int p) {
            String[] sofar = new String[p];
            for (int i = 0; i < p; i++) {
                sofar[i] = outcomes[out[i]];
            }
            Span[] spans = codec.decode(Arrays.asList(sofar));
            for (int s = 0; s < spans.length; s++) {
                double q = 0;
                for (int t = spans[s].getStart(); t < spans[s].getEnd(); t++) {
                    q += probs[t];
                }
                spans[s] = new Span(spans[s], q / spans[s].length());
            }
            return new Tagged(spans, probs);
        }

        private void step(int i) {
            int q = from + i;
            Atoms own = m.atoms(q);
            double[] local = own.local();
            for (int o = 0; o < k; o++) {
                sums[o] = logPrior + local[o];
            }
            for (int d = 1; d <= maxPrev && i - d >= 0; d++) {
                addSlice(sums, m.atoms(q - d).local(), d * k);
            }
            for (int d = 1; d <= maxNext && i + d < n; d++) {
                addSlice(sums, m.atoms(q + d).local(), (maxPrev + d) * k);
            }
            if (pairs.length > 0) {
                double[] block = m.pairs(q);
                int at = q % BLOCK * 2 * k;
                if (i > 0) {
                    addSlice(sums, block, at);
                }
                if (i + 1 < n) {
                    addSlice(sums, block, at + k);
                }
            }
            if (hasPosition) {
                addSlice(sums, position, (n == 1 ? 0 : i == 0 ? 1 : i == n - 1 ? 3 : 2) * k);
            }
            int pv = i > 0 ? out[i - 1] : initial;
            int ppv = i > 1 ? out[i - 2] : initial;
            addSlice(sums, po, pv * k);
            addSlice(sums, own.previous(), pv * k);
            addSlice(sums, ppo, ppv * k);
            double normal = 0;
            for (int o = 0; o < k; o++) {
                sums[o] = StrictMath.exp(sums[o]);
                normal += sums[o];
            }
            for (int o = 0; o < k; o++) {
                sums[o] /= normal;
            }
            int last = i > 0 ? out[i - 1] : -1;
            int best = choose(sums, last, score, true);
            if (best < 0) {
                best = choose(sums, last, score, false);
            }
            if (best < 0) {
                throw new IllegalStateException("no valid outcome"); // as NameFinderME, which fails on an empty beam
            }
            out[i] = best;
            probs[i] = sums[best];
            score += StrictMath.log(sums[best]);
        }
    }

    /**
     * BeamSearch of size 1: among the outcomes scoring the maximum (or, when none of them is valid, all
     * outcomes) the valid one with the highest sequence score, the first on ties; -1 when none.
     */
    private int choose(double[] p, int last, double score, boolean topOnly) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            max = Math.max(max, v);
        }
        boolean[] ok = valid[last + 1];
        int best = -1;
        double bestScore = 0;
        for (int o = 0; o < p.length; o++) {
            if (topOnly && !(p[o] >= max) || !ok[o]) {
                continue;
            }
            double s = score + StrictMath.log(p[o]);
            if (s > MIN_SEQUENCE_SCORE && (best < 0 || s > bestScore)) {
                best = o;
                bestScore = s;
            }
        }
        return best;
    }

    private void addSlice(double[] sums, double[] rows, int at) {
        for (int o = 0; o < k; o++) {
            sums[o] += rows[at + o];
        }
    }
}
