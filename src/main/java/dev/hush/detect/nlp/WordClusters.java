package dev.hush.detect.nlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Distributional word clusters computed from the training text: each frequent word is described by the
 * counts of its left and right neighbours (among the most frequent words), square-rooted and
 * L2-normalised, and the words are grouped by spherical k-means. Words used alike ("said", "told";
 * "Mr", "Dr"; first names) land in one cluster, which lets the name finder generalise past the words it
 * saw labelled. Deterministic for a seed.
 */
final class WordClusters {
    private WordClusters() {
    }

    /** Lower-cased word to cluster id ({@code 0..k-1}) for words seen at least {@code minFreq} times. */
    static Map<String, Integer> compute(List<String[]> sentences, int k, int minFreq, int contexts, int iterations, long seed) {
        Map<String, Integer> freq = new HashMap<>();
        for (String[] s : sentences) {
            for (String w : s) {
                freq.merge(w.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        List<String> byFreq = new ArrayList<>(freq.keySet());
        byFreq.sort((a, b) -> freq.get(b) - freq.get(a) != 0 ? freq.get(b) - freq.get(a) : a.compareTo(b));
        Map<String, Integer> ctx = new HashMap<>();
        for (int i = 0; i < Math.min(contexts, byFreq.size()); i++) {
            ctx.put(byFreq.get(i), i);
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String w : byFreq) {
            if (freq.get(w) < minFreq) {
                break;
            }
            vocab.put(w, vocab.size());
        }
        int dims = 2 * contexts + 2; // left words, right words, sentence start, sentence end
        List<Map<Integer, Float>> counts = new ArrayList<>();
        for (int i = 0; i < vocab.size(); i++) {
            counts.add(new HashMap<>());
        }
        for (String[] s : sentences) {
            for (int i = 0; i < s.length; i++) {
                Integer v = vocab.get(s[i].toLowerCase(Locale.ROOT));
                if (v == null) {
                    continue;
                }
                Map<Integer, Float> c = counts.get(v);
                Integer l = i == 0 ? Integer.valueOf(2 * contexts) : ctx.get(s[i - 1].toLowerCase(Locale.ROOT));
                if (l != null) {
                    c.merge(l, 1f, Float::sum);
                }
                Integer r = i + 1 == s.length ? Integer.valueOf(2 * contexts + 1) : ctx.get(s[i + 1].toLowerCase(Locale.ROOT));
                if (r != null) {
                    c.merge(i + 1 == s.length ? r : contexts + r, 1f, Float::sum);
                }
            }
        }
        int n = vocab.size();
        int[][] idx = new int[n][];
        float[][] val = new float[n][];
        for (int i = 0; i < n; i++) {
            Map<Integer, Float> c = counts.get(i);
            idx[i] = new int[c.size()];
            val[i] = new float[c.size()];
            int j = 0;
            double norm = 0;
            for (Map.Entry<Integer, Float> e : new java.util.TreeMap<>(c).entrySet()) {
                idx[i][j] = e.getKey();
                val[i][j] = (float) Math.sqrt(e.getValue());
                norm += val[i][j] * val[i][j];
                j++;
            }
            float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
            for (int q = 0; q < j; q++) {
                val[i][q] *= inv;
            }
        }
        int kk = Math.min(k, n);
        float[][] centroids = new float[kk][dims];
        Random rnd = new Random(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int c = 0; c < kk; c++) {
            int w = order[c];
            for (int q = 0; q < idx[w].length; q++) {
                centroids[c][idx[w][q]] = val[w][q];
            }
        }
        int[] assign = new int[n];
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestDot = -1;
                for (int c = 0; c < kk; c++) {
                    float[] cen = centroids[c];
                    double d = 0;
                    for (int q = 0; q < idx[i].length; q++) {
                        d += cen[idx[i][q]] * val[i][q];
                    }
                    if (d > bestDot) {
                        bestDot = d;
                        best = c;
                    }
                }
                assign[i] = best;
            }
            for (float[] cen : centroids) {
                Arrays.fill(cen, 0f);
            }
            for (int i = 0; i < n; i++) {
                float[] cen = centroids[assign[i]];
                for (int q = 0; q < idx[i].length; q++) {
                    cen[idx[i][q]] += val[i][q];
                }
            }
            for (float[] cen : centroids) {
                double norm = 0;
                for (float f : cen) {
                    norm += f * f;
                }
                float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
                for (int q = 0; q < cen.length; q++) {
                    cen[q] *= inv;
                }
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        int i = 0;
        for (String w : vocab.keySet()) {
            out.put(w, assign[i++]);
        }
        return out;
    }
}
