package dev.hush.detect.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How the person-name evidence is combined into one confidence: a logistic model over a few features of
 * a candidate (gazetteer evidence, context cues, the name finder's opinion). The weights are fitted by
 * {@code hush train names} on the tuning tenth of the annotated train splits (texts the name finder was
 * not trained on), so the confidence is calibrated on real text; {@link #HAND} are the hand-set weights
 * used when a model set carries none.
 */
final class NameEnsemble {
    static final List<String> FEATURES = List.of("bias", "gazetteer", "strong_cue", "weak_cue", "single_word",
            "single_at_sentence_start", "contact_near", "determiner_before", "non_person_suffix", "too_long",
            "model_person", "model_none", "model_exact", "model_partial", "lower_case",
            "echo", "initial", "unlisted_pair", "model_soft", "against_echo", "listed_with_name", "prose",
            "person_verb", "pronoun_after", "doc_mentions", "doc_vote", "doc_cue",
            "person_object", "unseen_listed", "everyday_kept", "place_before", "citation",
            // products of the inputs above (see expand): a lone word needs the model's vote more than a pair does
            "sqrt_soft", "single*sqrt_soft", "single*gazetteer", "lower*sqrt_soft", "single*model_person",
            "gazetteer*sqrt_soft", "single_at_start*sqrt_soft", "lower*gazetteer", "single*gazetteer_positive",
            "single*prose", "single*prose*gazetteer_positive", "single*prose*sqrt_soft", "single*doc_vote",
            "single*doc_mentions", "single*unseen_listed");
    static final int BIAS = 0;
    static final int GAZETTEER = 1;
    static final int STRONG = 2;
    static final int WEAK = 3;
    static final int SINGLE = 4;
    static final int SINGLE_AT_START = 5;
    static final int EMAIL = 6;
    static final int DETERMINER = 7;
    static final int SUFFIX = 8;
    static final int TOO_LONG = 9;
    static final int MODEL_PERSON = 10;
    static final int MODEL_NONE = 11;
    static final int MODEL_EXACT = 12;
    static final int MODEL_PARTIAL = 13;
    static final int LOWER = 14;
    /** A word of the candidate is a word of a confidently found name elsewhere in the same text ("Byron" after "Lord Byron"). */
    static final int ECHO = 15;
    /** An initial with its dot before a capitalised word ("C. Spearman", "Elizabeth B. Prelogar"). */
    static final int INITIAL = 16;
    /** Two or three words, none of them a listed name or a common word, mid-sentence ("Hiroshi Tanaka"). */
    static final int UNLISTED = 17;
    /**
     * The name finder's soft vote: its highest per-token probability that a word of the candidate is part of
     * a name (for words it tagged "other", one minus that probability), so a near miss still counts.
     */
    static final int MODEL_SOFT = 18;
    /**
     * A word of the candidate is a word of a phrase elsewhere in the same text that a determiner or a company or
     * place word marks as no person ("Rita" after "Hurricane Rita", "Hayes" after "Hayes Street Grill").
     */
    static final int AGAINST_ECHO = 19;
    /** Joined by "and", "&" or a comma to a confidently found name ("Chuck and Gretchen", "Tina and Vicky"). */
    static final int LISTED_WITH_NAME = 20;
    /** How much a capital means in the text: 1 in edited prose, 0 where a third of the words are capitalised. */
    static final int PROSE = 21;
    /** A verb a person does right after the candidate ("Shojai told", "Bruce indicated"). */
    static final int PERSON_VERB = 22;
    /** A personal pronoun ("he", "her") within a few tokens after the candidate. */
    static final int PRONOUN_AFTER = 23;
    /**
     * Document pooling (second pass): how often a word of the candidate is mentioned elsewhere in the text as a
     * candidate, 0 for none up to 1 for seven or more (log scale), whatever the confidence of those mentions.
     */
    static final int DOC_MENTIONS = 24;
    /** The name finder's mean soft vote (square root) on the other mentions of a word of the candidate. */
    static final int DOC_VOTE = 25;
    /** Another mention of a word of the candidate has a person cue (title, greeting, field, person verb, pronoun). */
    static final int DOC_CUE = 26;
    /**
     * Right after a verb whose object is a person ("contact Vernon", "forward to Brant", "thanks again Nina"): the
     * few verbs of the weak cues that say more than a preposition does.
     */
    static final int PERSON_OBJECT = 27;
    /**
     * A word of the candidate is a listed first name or surname that the name finder never saw in its training
     * text ("Wilhelmina" in a nurse's note): the finder's vote on it is no evidence, the lists are the prior.
     */
    static final int UNSEEN_LISTED = 28;
    /**
     * A lone capitalised everyday word mid-sentence that the finder's training text mostly had as a name
     * ("the committee heard that Wise approved"): kept as a candidate instead of trimmed, and judged with this mark.
     */
    static final int EVERYDAY_KEPT = 29;
    /**
     * Right after a preposition of place on the same line ("in Busuanga", "through Pari Chowk", "near Doda"):
     * places and venues follow these far more often than people do. Fitted, not a veto ("sat next to Ana at ...").
     */
    static final int PLACE_BEFORE = 30;
    /** An author-year citation after: "Quennell, 2019", "Quennell (2019)", "Quennell et al." ({@link SentenceCues}). */
    static final int CITATION = 31;
    /** Features a candidate carries (the detector fills them); the rest of the weights are for their products. */
    static final int INPUTS = 32;
    static final int SIZE = INPUTS + 15;

    static final String FILE = "ensemble.tsv";

    /**
     * Weights kept at their hand values when fitting. An e-mail or phone number next to a name: the annotated
     * text has mail headers ("Name/ORG@ECT") where it means little, prompts have signatures where it means a
     * lot. A company, place, storm or ship word next to the phrase, and the same word elsewhere in the text:
     * certain by the shape of the phrase, but too rare in the tuning texts (a few dozen candidates, some
     * mislabelled) for a fitted weight to mean anything.
     */
    static final int[] HELD = {EMAIL, SUFFIX, AGAINST_ECHO};

    static final double[] HAND = {-2.5, 1.0, 4.0, 1.0, -1.0, -1.0, 1.0, -2.0, -3.0, -3.0, 2.0, -0.7, 0.0, 0.0, -2.0, 1.5, 1.0, 0.5, 1.0, -2.0, 1.0, 0.0, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private final double[] w;

    NameEnsemble(double[] w) {
        if (w.length != SIZE) {
            throw new IllegalArgumentException("ensemble needs " + SIZE + " weights");
        }
        this.w = w.clone();
    }

    /**
     * The inputs and their products: a linear model over the inputs alone cannot say "a lone capitalised word
     * is a name when the model leans that way", which is most of the lone first names of chat and mail.
     */
    static double[] expand(double[] in) {
        if (in.length == SIZE) {
            return in;
        }
        double[] x = java.util.Arrays.copyOf(in, SIZE);
        double sq = Math.sqrt(in[MODEL_SOFT]);
        double gaz = in[GAZETTEER];
        int k = INPUTS;
        x[k++] = sq;
        x[k++] = in[SINGLE] * sq;
        x[k++] = in[SINGLE] * gaz;
        x[k++] = in[LOWER] * sq;
        x[k++] = in[SINGLE] * in[MODEL_PERSON];
        x[k++] = gaz * sq;
        x[k++] = in[SINGLE_AT_START] * sq;
        x[k++] = in[LOWER] * gaz;
        x[k++] = in[SINGLE] * Math.max(gaz, 0);
        // a lone capitalised word means more where capitals are rare (prose) than in a title-cased tweet
        x[k++] = in[SINGLE] * in[PROSE];
        x[k++] = in[SINGLE] * in[PROSE] * Math.max(gaz, 0);
        x[k++] = in[SINGLE] * in[PROSE] * sq;
        // a lone word the finder doubts at every one of its mentions stays doubtful; one it half-believes gains
        x[k++] = in[SINGLE] * in[DOC_VOTE];
        x[k++] = in[SINGLE] * in[DOC_MENTIONS];
        x[k] = in[SINGLE] * in[UNSEEN_LISTED];
        return x;
    }

    double logit(double[] in) {
        double[] x = expand(in);
        double s = 0;
        for (int i = 0; i < SIZE; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    double confidence(double[] x) {
        return 1.0 / (1.0 + Math.exp(-logit(x)));
    }

    double weight(int i) {
        return w[i];
    }

    /** {@code feature TAB weight} lines; unknown or missing features are an error (a stale model set). */
    static NameEnsemble read(InputStream in) throws IOException {
        double[] w = new double[SIZE];
        boolean[] seen = new boolean[SIZE];
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split("\t");
            int i = FEATURES.indexOf(p[0]);
            if (i < 0 || p.length != 2) {
                throw new IOException("ensemble weights: unknown line " + p[0]);
            }
            w[i] = Double.parseDouble(p[1]);
            seen[i] = true;
        }
        for (int i = 0; i < SIZE; i++) {
            if (!seen[i]) {
                throw new IOException("ensemble weights: missing " + FEATURES.get(i));
            }
        }
        return new NameEnsemble(w);
    }

    void write(Writer out, String comment) throws IOException {
        out.write("# " + comment + "\n");
        for (int i = 0; i < SIZE; i++) {
            out.write(FEATURES.get(i) + "\t" + String.format(java.util.Locale.ROOT, "%.4f", w[i]) + "\n");
        }
    }

    /**
     * Fits logistic-regression weights (L2 penalty {@code l2}, Newton steps) to candidate feature rows and
     * their labels (1 = overlaps a labelled person), each candidate counted with its weight.
     */
    static NameEnsemble fit(List<double[]> inputs, List<Boolean> ys, List<Double> weights, double l2) {
        List<double[]> xs = new java.util.ArrayList<>(inputs.size());
        for (double[] in : inputs) {
            xs.add(expand(in));
        }
        double[] w = new double[SIZE]; // from zero: every p = 0.5, where Newton's steps are well-behaved
        for (int i : HELD) {
            w[i] = HAND[i];
        }
        for (int it = 0; it < 50; it++) {
            double[] g = new double[SIZE];
            double[][] h = new double[SIZE][SIZE];
            for (int n = 0; n < xs.size(); n++) {
                double[] x = xs.get(n);
                double z = 0;
                for (int i = 0; i < SIZE; i++) {
                    z += w[i] * x[i];
                }
                double p = 1 / (1 + Math.exp(-z));
                double sw = weights.get(n);
                double err = sw * (p - (ys.get(n) ? 1 : 0));
                double v = sw * p * (1 - p);
                for (int i = 0; i < SIZE; i++) {
                    g[i] += err * x[i];
                    for (int j = 0; j < SIZE; j++) {
                        h[i][j] += v * x[i] * x[j];
                    }
                }
            }
            for (int i = 0; i < SIZE; i++) {
                double reg = i == BIAS ? 0 : l2;
                g[i] += reg * w[i];
                h[i][i] += reg + 1e-9;
            }
            for (int held : HELD) {
                g[held] = 0;
                for (int i = 0; i < SIZE; i++) {
                    h[held][i] = 0;
                    h[i][held] = 0;
                }
                h[held][held] = 1;
            }
            double[] step = solve(h, g);
            double max = 0;
            for (double d : step) {
                max = Math.max(max, Math.abs(d));
            }
            double damp = max > 2 ? 2 / max : 1; // keep steps small where the curvature is flat
            for (int i = 0; i < SIZE; i++) {
                w[i] -= damp * step[i];
            }
            if (max < 1e-6) {
                break;
            }
        }
        return new NameEnsemble(w);
    }

    /** Gaussian elimination with partial pivoting: solves a x = b. */
    private static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            if (Math.abs(a[c][c]) < 1e-12) {
                continue;
            }
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = Math.abs(a[r][r]) < 1e-12 ? 0 : s / a[r][r];
        }
        return x;
    }
}
