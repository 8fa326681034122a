package dev.hush.report;

import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import dev.hush.detect.nlp.AnnotatedTexts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Person-name quality on the dev splits of the human-annotated corpora ({@code ner-train} layout):
 * precision, recall, F1 and the share of person-free texts flagged, per corpus and for the news-like
 * and social-media groups. A label counts as found when person findings cover half of it; a finding
 * that overlaps no label is a false positive. Only {@code PII.PERSON} findings are scored.
 */
public final class NameDevEvaluation {
    /** Dev splits and the group each reports under. */
    public static final Map<String, String> DEV_SETS = devSets();

    private static Map<String, String> devSets() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("gum", "news");
        m.put("uner-en-ewt", "news");
        m.put("btc", "social");
        m.put("wnut17", "social");
        m.put("meddocan", "forms");
        return m;
    }

    /** Counts for one set of texts. */
    public static final class Score {
        public int texts;
        public int labels;
        public int found;
        public int findings;
        public int falsePositives;
        public int personFree;
        public int personFreeFlagged;

        public double precision() {
            return findings == 0 ? 1.0 : 1.0 - (double) falsePositives / findings;
        }

        public double recall() {
            return labels == 0 ? 1.0 : (double) found / labels;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public double personFreeFlaggedShare() {
            return personFree == 0 ? 0 : (double) personFreeFlagged / personFree;
        }

        void add(Score o) {
            texts += o.texts;
            labels += o.labels;
            found += o.found;
            findings += o.findings;
            falsePositives += o.falsePositives;
            personFree += o.personFree;
            personFreeFlagged += o.personFreeFlagged;
        }
    }

    /** Scores per corpus and per group (keys: corpus names, then "news", "social", "forms"). */
    public static Map<String, Score> run(Scanner scanner, Path nerTrain, List<String> missed) throws IOException {
        Map<String, Score> out = new LinkedHashMap<>();
        Map<String, Score> groups = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : DEV_SETS.entrySet()) {
            Score s = score(scanner, AnnotatedTexts.read(nerTrain, e.getKey(), Set.of("dev")), missed);
            out.put(e.getKey(), s);
            groups.computeIfAbsent(e.getValue(), k -> new Score()).add(s);
        }
        out.putAll(groups);
        return out;
    }

    static Score score(Scanner scanner, List<AnnotatedTexts.Text> texts, List<String> missed) {
        Score s = new Score();
        for (AnnotatedTexts.Text t : texts) {
            s.texts++;
            List<Finding> found = new ArrayList<>();
            for (Finding f : scanner.scan(t.text())) {
                if (f.type().equals("PII.PERSON")) {
                    found.add(f);
                }
            }
            for (int[] p : t.persons()) {
                s.labels++;
                int covered = 0;
                for (int k = p[0]; k < p[1]; k++) {
                    for (Finding f : found) {
                        if (f.start() <= k && k < f.end()) {
                            covered++;
                            break;
                        }
                    }
                }
                if (covered * 2 >= p[1] - p[0]) {
                    s.found++;
                } else if (missed != null) {
                    missed.add(t.id() + " missed [" + p[0] + "," + p[1] + ")");
                }
            }
            for (Finding f : found) {
                s.findings++;
                boolean hit = false;
                for (int[] p : t.persons()) {
                    hit |= f.start() < p[1] && p[0] < f.end();
                }
                if (!hit) {
                    s.falsePositives++;
                    if (missed != null) {
                        missed.add(t.id() + " false [" + f.start() + "," + f.end() + ")");
                    }
                }
            }
            if (t.persons().isEmpty()) {
                s.personFree++;
                if (!found.isEmpty()) {
                    s.personFreeFlagged++;
                }
            }
        }
        return s;
    }

    /** A table of the scores. */
    public static String toText(Map<String, Score> scores) {
        StringBuilder b = new StringBuilder(String.format("%-12s %6s %6s %9s %6s %6s %6s %12s%n", "dev set", "texts",
                "labels", "findings", "P", "R", "F1", "free flagged"));
        scores.forEach((name, s) -> b.append(String.format("%-12s %6d %6d %9d %6.3f %6.3f %6.3f %5d/%-5d %.3f%n", name,
                s.texts, s.labels, s.findings, s.precision(), s.recall(), s.f1(), s.personFreeFlagged, s.personFree,
                s.personFreeFlaggedShare())));
        return b.toString();
    }
}
