package dev.hush.detect.nlp;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.UniformPrior;
import opennlp.tools.namefind.NameFinderME;
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
 * fraction of the cost. {@code NameFinderME} builds ~35 feature strings per token and window (window
 * features re-run their generator for every neighbour, and every overlapping window starts again), then
 * looks each string up in the model's {@code HashMap}. Here the features that depend on one token only
 * (word, class, prefixes, suffixes, clusters — including their window-shifted copies) are turned into the
 * model's parameter rows (flat outcome/parameter arrays) once per distinct token (a bounded cache shared by
 * all texts), the bigram ones once per adjacent pair of a text, and decoding adds those rows in the model's
 * own feature order with the same
 * arithmetic as {@code GISModel.eval} and {@code BeamSearch} of size 1 (so probabilities are bit-equal).
 *
 * <p>Feature strings still come from the model's own generator objects (called on one token or one
 * pair), so their formats cannot drift. {@link #compile} returns null — and the caller keeps
 * {@code NameFinderME} — for any model it cannot reproduce: a beam wider than 1, a model other than GIS
 * maxent with a uniform prior, a custom factory, or a feature generator not in the list below.
 */
final class CompiledNameFinder {
    private static final System.Logger LOG = System.getLogger(CompiledNameFinder.class.getName());
    /** Distinct tokens whose rows are kept; the map is dropped when full (bounded memory, Zipfian words). */
    private static final int TOKEN_CACHE = 50_000;
    /** BeamSearch drops sequences whose log score falls to this (its default minimum). */
    private static final double MIN_SEQUENCE_SCORE = -100000;
    private static final Rows NONE = new Rows(new int[0], new double[0]);

    /** Model rows of some features, concatenated in feature order: outcome index and parameter per entry. */
    private record Rows(int[] outcomes, double[] params) {
    }

    /** One generator of the model's feature list, in the list's order. */
    private sealed interface Part permits Local, Pair, Position {
    }

    /** A generator of one token's features, with a window of prev/next copies; {@code slot} into {@link Atoms#rows}. */
    private record Local(AdaptiveFeatureGenerator g, int prev, int next, int slot) implements Part {
    }

    /**
     * OpenNLP's bigram features: of the pair (k-1, k) at k and of (k, k+1) at k. When the generator's strings
     * are the known ones ({@link #bigramFormat}, checked at compile time), the word pair is looked up only
     * for a first word that starts some word-pair feature of the model ({@code lefts}), and the class pair
     * comes from the token classes already computed per word ({@code classes}: at most classes² entries).
     */
    private record Pair(AdaptiveFeatureGenerator g, boolean known, java.util.Set<String> lefts, Map<String, Rows[]> classes)
            implements Part {
    }

    /** First/last-token features; rows for a window of one token, and for first, middle and last tokens. */
    private record Position(Rows single, Rows first, Rows middle, Rows last) implements Part {
    }

    /** Rows of one token: per local part and window offset (current, p1..pN, n1..nN); previous-outcome rows. */
    private record Atoms(Rows[][] rows, Context[] pow, Context[] powf, String shape) {
    }

    private final Map<String, Context> pmap;
    private final String[] outcomes;
    /** Previous-outcome values: the model's outcomes, then "other" when the model has none of that name. */
    private final String[] previous;
    private final int initial;
    private final Context[] po;
    private final Context[] ppo;
    private final List<Part> parts;
    private final int slots;
    private final double logPrior;
    private final SequenceCodec<String> codec;
    private final SequenceValidator<String> validator;
    private final Map<String, Atoms> tokens = new ConcurrentHashMap<>();

    private CompiledNameFinder(Map<String, Context> pmap, String[] outcomes, List<Part> parts, int slots,
            SequenceCodec<String> codec) {
        this.pmap = pmap;
        this.outcomes = outcomes;
        int other = Arrays.asList(outcomes).indexOf(NameFinderME.OTHER);
        this.previous = other >= 0 ? outcomes : Arrays.copyOf(outcomes, outcomes.length + 1);
        if (other < 0) {
            previous[outcomes.length] = NameFinderME.OTHER;
        }
        this.initial = other >= 0 ? other : outcomes.length;
        this.po = new Context[previous.length];
        this.ppo = new Context[previous.length];
        for (int v = 0; v < previous.length; v++) {
            po[v] = pmap.get("po=" + previous[v]);
            ppo[v] = pmap.get("ppo=" + previous[v]);
        }
        this.parts = parts;
        this.slots = slots;
        this.logPrior = StrictMath.log(1.0 / outcomes.length); // UniformPrior's
        this.codec = codec;
        this.validator = codec.createSequenceValidator();
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
            int[] slots = {0};
            if (!flatten(model.getFactory().createFeatureGenerators(), parts, slots, pmap)) {
                LOG.log(System.Logger.Level.INFO, "person names: OpenNLP NameFinderME (a feature generator it cannot compile)");
                return null;
            }
            LOG.log(System.Logger.Level.INFO, "person names: compiled name finder (" + parts.size() + " feature generators)");
            return new CompiledNameFinder(pmap, outcomes, parts, slots[0], model.getFactory().createSequenceCodec());
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
    private static boolean flatten(AdaptiveFeatureGenerator g, List<Part> parts, int[] slots, Map<String, Context> pmap)
            throws ReflectiveOperationException {
        if (g instanceof CachedFeatureGenerator c && g.getClass() == CachedFeatureGenerator.class) {
            return flatten(c.getCachedFeatureGenerator(), parts, slots, pmap);
        }
        if (g.getClass() == AggregatedFeatureGenerator.class) {
            for (AdaptiveFeatureGenerator child : ((AggregatedFeatureGenerator) g).getGenerators()) {
                if (!flatten(child, parts, slots, pmap)) {
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
            parts.add(new Local(inner, (Integer) field(g, "prevWindowSize"), (Integer) field(g, "nextWindowSize"), slots[0]++));
            return true;
        }
        if (local(g)) {
            parts.add(new Local(g, 0, 0, slots[0]++));
            return true;
        }
        if (g.getClass() == BigramNameFeatureGenerator.class) {
            boolean known = bigramFormat(g);
            java.util.Set<String> lefts = new java.util.HashSet<>();
            if (known) {
                for (String key : pmap.keySet()) {
                    if (key.startsWith("pw,w=") || key.startsWith("w,nw=")) {
                        String pair = key.substring(5); // "first,second": every comma could end the first word
                        for (int c = pair.indexOf(','); c >= 0; c = pair.indexOf(',', c + 1)) {
                            lefts.add(pair.substring(0, c));
                        }
                    }
                }
            }
            parts.add(new Pair(g, known, lefts, new ConcurrentHashMap<>()));
            return true;
        }
        if (g.getClass() == SentenceFeatureGenerator.class) {
            parts.add(new Position(rows(g, new String[] {"a"}, 0, "", pmap), rows(g, new String[] {"a", "b", "c"}, 0, "", pmap),
                    rows(g, new String[] {"a", "b", "c"}, 1, "", pmap), rows(g, new String[] {"a", "b", "c"}, 2, "", pmap)));
            return true;
        }
        return false;
    }

    /** True when the bigram generator writes the strings {@link Memo#before}/{@link Memo#after} build, on a few probe pairs. */
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
                || c == OutcomePriorFeatureGenerator.class;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    /** The model rows of g's features at index i of tokens, each feature prefixed; unknown features dropped. */
    private static Rows rows(AdaptiveFeatureGenerator g, String[] tokens, int i, String prefix, Map<String, Context> pmap) {
        List<String> features = new ArrayList<>(8);
        g.createFeatures(features, tokens, i, null);
        return rows(features, prefix, pmap);
    }

    private static Rows rows(List<String> features, String prefix, Map<String, Context> pmap) {
        Context[] found = new Context[features.size()];
        int n = 0;
        int size = 0;
        for (String f : features) {
            Context c = pmap.get(prefix.isEmpty() ? f : prefix + f);
            if (c != null) {
                found[n++] = c;
                size += c.getOutcomes().length;
            }
        }
        if (n == 0) {
            return NONE;
        }
        int[] o = new int[size];
        double[] v = new double[size];
        int q = 0;
        for (int k = 0; k < n; k++) {
            int len = found[k].getOutcomes().length;
            System.arraycopy(found[k].getOutcomes(), 0, o, q, len);
            System.arraycopy(found[k].getParameters(), 0, v, q, len);
            q += len;
        }
        return new Rows(o, v);
    }

    /** Per-text memo: token rows by token index and pair rows, filled on first use. */
    final class Memo {
        private final Tokens t;
        private final String[] words;
        private final Atoms[] atoms;
        /** Rows at k of the pair (k-1, k) and at k of the pair (k, k+1). */
        private final Rows[] pairBefore;
        private final Rows[] pairAfter;

        private Memo(Tokens t) {
            this.t = t;
            this.words = new String[t.size()];
            this.atoms = new Atoms[t.size()];
            this.pairBefore = new Rows[t.size()];
            this.pairAfter = new Rows[t.size()];
        }

        private String word(int k) {
            String w = words[k];
            if (w == null) {
                w = t.text(k);
                words[k] = w;
            }
            return w;
        }

        private Atoms atoms(int k) {
            Atoms a = atoms[k];
            if (a == null) {
                a = atomsOf(word(k));
                atoms[k] = a;
            }
            return a;
        }

        private Rows before(Pair p, int k) {
            Rows r = pairBefore[k];
            if (r == null) {
                r = p.known() ? pair(p, this, k - 1, true) : rows(p.g(), new String[] {word(k - 1), word(k)}, 1, "", pmap);
                pairBefore[k] = r;
            }
            return r;
        }

        private Rows after(Pair p, int k) {
            Rows r = pairAfter[k];
            if (r == null) {
                r = p.known() ? pair(p, this, k, false) : rows(p.g(), new String[] {word(k), word(k + 1)}, 0, "", pmap);
                pairAfter[k] = r;
            }
            return r;
        }
    }

    /** Rows of the pair (j, j+1): at j+1 ("pw,w", "pwc,wc") when {@code second}, else at j ("w,nw", "wc,nc"). */
    private Rows pair(Pair p, Memo m, int j, boolean second) {
        String a = m.word(j);
        String b = m.word(j + 1);
        String ca = m.atoms(j).shape();
        String cb = m.atoms(j + 1).shape();
        Rows[] cls = p.classes().computeIfAbsent(ca + "\u0000" + cb, key -> new Rows[] {
            rows(List.of("pwc,wc=" + ca + "," + cb), "", pmap), rows(List.of("wc,nc=" + ca + "," + cb), "", pmap)});
        Rows c = cls[second ? 0 : 1];
        if (!p.lefts().contains(a)) {
            return c;
        }
        Rows w = rows(List.of((second ? "pw,w=" : "w,nw=") + a + "," + b), "", pmap);
        if (w == NONE) {
            return c;
        }
        int[] o = Arrays.copyOf(w.outcomes(), w.outcomes().length + c.outcomes().length);
        double[] v = Arrays.copyOf(w.params(), o.length);
        System.arraycopy(c.outcomes(), 0, o, w.outcomes().length, c.outcomes().length);
        System.arraycopy(c.params(), 0, v, w.params().length, c.params().length);
        return new Rows(o, v);
    }

    /** Forgets the token rows (benchmarks measure the path of words not seen before with it). */
    void clearTokenCache() {
        tokens.clear();
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
        Rows[][] rows = new Rows[slots][];
        List<String> features = new ArrayList<>(8);
        for (Part p : parts) {
            if (p instanceof Local l) {
                features.clear();
                l.g().createFeatures(features, one, 0, null);
                Rows[] r = new Rows[1 + l.prev() + l.next()];
                r[0] = rows(features, "", pmap);
                for (int k = 1; k <= l.prev(); k++) {
                    r[k] = rows(features, WindowFeatureGenerator.PREV_PREFIX + k, pmap);
                }
                for (int k = 1; k <= l.next(); k++) {
                    r[l.prev() + k] = rows(features, WindowFeatureGenerator.NEXT_PREFIX + k, pmap);
                }
                rows[l.slot()] = r;
            }
        }
        Context[] pow = new Context[previous.length];
        Context[] powf = new Context[previous.length];
        String shape = FeatureGeneratorUtil.tokenFeature(token);
        for (int v = 0; v < previous.length; v++) {
            pow[v] = pmap.get("pow=" + previous[v] + "," + token);
            powf[v] = pmap.get("powf=" + previous[v] + "," + shape);
        }
        a = new Atoms(rows, pow, powf, shape);
        if (tokens.size() >= TOKEN_CACHE) {
            tokens.clear();
        }
        tokens.put(token, a);
        return a;
    }

    /** The finder's answer on one window: spans relative to its first token, each token's probability. */
    record Tagged(Span[] spans, double[] probs) {
    }

    /** Tags tokens [from, to) of the memo's text as one sequence, as {@code NameFinderME.find} on them would. */
    Tagged tag(Memo m, int from, int to) {
        int n = to - from;
        int[] out = new int[n];
        double[] probs = new double[n];
        double[] sums = new double[outcomes.length];
        String[] sofar = new String[n];
        String[] input = null;
        double score = 0;
        for (int i = 0; i < n; i++) {
            Arrays.fill(sums, logPrior);
            int k = from + i;
            for (Part p : parts) {
                if (p instanceof Local l) {
                    Rows[] own = m.atoms(k).rows()[l.slot()];
                    add(sums, own[0]);
                    for (int d = 1; d <= l.prev() && i - d >= 0; d++) {
                        add(sums, m.atoms(k - d).rows()[l.slot()][d]);
                    }
                    for (int d = 1; d <= l.next() && i + d < n; d++) {
                        add(sums, m.atoms(k + d).rows()[l.slot()][l.prev() + d]);
                    }
                } else if (p instanceof Pair pair) {
                    if (i > 0) {
                        add(sums, m.before(pair, k));
                    }
                    if (i + 1 < n) {
                        add(sums, m.after(pair, k));
                    }
                } else {
                    Position pos = (Position) p;
                    add(sums, n == 1 ? pos.single() : i == 0 ? pos.first() : i == n - 1 ? pos.last() : pos.middle());
                }
            }
            int pv = i > 0 ? out[i - 1] : initial;
            int ppv = i > 1 ? out[i - 2] : initial;
            Atoms own = m.atoms(k);
            add(sums, po[pv]);
            add(sums, own.pow()[pv]);
            add(sums, own.powf()[pv]);
            add(sums, ppo[ppv]);
            double normal = 0;
            for (int o = 0; o < sums.length; o++) {
                sums[o] = StrictMath.exp(sums[o]);
                normal += sums[o];
            }
            for (int o = 0; o < sums.length; o++) {
                sums[o] /= normal;
            }
            String[] before = Arrays.copyOf(sofar, i);
            if (input == null) {
                input = new String[n];
                for (int q = 0; q < n; q++) {
                    input[q] = m.word(from + q);
                }
            }
            int best = choose(sums, i, input, before, score, true);
            if (best < 0) {
                best = choose(sums, i, input, before, score, false);
            }
            if (best < 0) {
                throw new IllegalStateException("no valid outcome"); // as NameFinderME, which fails on an empty beam
            }
            out[i] = best;
            probs[i] = sums[best];
            sofar[i] = outcomes[best];
            score += StrictMath.log(sums[best]);
        }
        Span[] spans = codec.decode(Arrays.asList(sofar));
        for (int s = 0; s < spans.length; s++) {
            double p = 0;
            for (int q = spans[s].getStart(); q < spans[s].getEnd(); q++) {
                p += probs[q];
            }
            spans[s] = new Span(spans[s], p / spans[s].length());
        }
        return new Tagged(spans, probs);
    }

    /**
     * BeamSearch of size 1: among the outcomes scoring the maximum (or, when none of them is valid, all
     * outcomes) the valid one with the highest sequence score, the first on ties; -1 when none.
     */
    private int choose(double[] p, int i, String[] input, String[] before, double score, boolean topOnly) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            max = Math.max(max, v);
        }
        int best = -1;
        double bestScore = 0;
        for (int o = 0; o < p.length; o++) {
            if (topOnly && !(p[o] >= max)) {
                continue;
            }
            if (!validator.validSequence(i, input, before, outcomes[o])) {
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

    private static void add(double[] sums, Rows rows) {
        int[] o = rows.outcomes();
        double[] v = rows.params();
        for (int a = 0; a < o.length; a++) {
            sums[o[a]] += v[a];
        }
    }

    private static void add(double[] sums, Context c) {
        if (c == null) {
            return;
        }
        int[] o = c.getOutcomes();
        double[] v = c.getParameters();
        for (int a = 0; a < o.length; a++) {
            sums[o[a]] += v[a];
        }
    }
}
