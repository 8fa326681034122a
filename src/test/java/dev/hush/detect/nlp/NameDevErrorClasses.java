package dev.hush.detect.nlp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Error classes of the person detector on the dev splits of {@code ner-train} (never train or test): how many
 * labels are missed and findings false, by what the candidate looked like. Used to pick what to work on next.
 *
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.detect.nlp.NameDevErrorClasses ../shared/ner-train news [MODEL_DIR|- [v|- [THRESHOLD]]]</pre>
 * (group {@code news}: gum + uner-en-ewt; {@code social}: btc + wnut17; {@code -}: the model set in the jar; {@code v} also
 * prints each error in context). Scores the detector alone (the eval command scores the whole scanner).
 */
public final class NameDevErrorClasses {
    private NameDevErrorClasses() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String group = args.length > 1 && args[1].equals("social") ? "social" : "news";
        List<String> corpora = dev.hush.report.NameDevEvaluation.DEV_SETS.entrySet().stream()
                .filter(e -> e.getValue().equals(group)).map(Map.Entry::getKey).toList();
        boolean verbose = args.length > 3 && args[3].equals("v");
        double threshold = args.length > 4 ? Double.parseDouble(args[4]) : new dev.hush.config.NlpSettings.PersonSettings().threshold;
        NameFinderModels models = NameFinderModels.load(args.length > 2 && !args[2].equals("-") ? Path.of(args[2]) : null);
        PersonNameDetector det = new PersonNameDetector(models, threshold, true, List.of("en", "de", "fr", "es"));
        Map<String, Integer> classes = new TreeMap<>();
        int labels = 0;
        int found = 0;
        int findings = 0;
        int falses = 0;
        int free = 0;
        int freeFlagged = 0;
        for (String corpus : corpora) {
            for (AnnotatedTexts.Text t : AnnotatedTexts.read(dir, corpus, Set.of("dev"))) {
                List<PersonNameDetector.Candidate> cands = new ArrayList<>();
                det.candidates(t.text(), cands::add);
                String s = t.text();
                labels += t.persons().size();
                boolean flagged = false;
                for (PersonNameDetector.Candidate c : cands) {
                    if (c.confidence() >= threshold) {
                        findings++;
                        flagged = true;
                    }
                }
                if (t.persons().isEmpty()) {
                    free++;
                    freeFlagged += flagged ? 1 : 0;
                }
                for (int[] p : t.persons()) {
                    int covered = 0;
                    for (int k = p[0]; k < p[1]; k++) {
                        for (PersonNameDetector.Candidate c : cands) {
                            if (c.confidence() >= threshold && c.start() <= k && k < c.end()) {
                                covered++;
                                break;
                            }
                        }
                    }
                    if (covered * 2 >= p[1] - p[0]) {
                        found++;
                        continue;
                    }
                    PersonNameDetector.Candidate best = null;
                    for (PersonNameDetector.Candidate c : cands) {
                        if (c.start() < p[1] && p[0] < c.end() && (best == null || c.confidence() > best.confidence())) {
                            best = c;
                        }
                    }
                    String label = s.substring(p[0], p[1]);
                    String cls;
                    if (best == null) {
                        char c0 = label.charAt(0);
                        cls = "miss/no-candidate/" + (Character.isLowerCase(c0) ? "lower" : label.equals(label.toUpperCase(Locale.ROOT)) ? "caps"
                                : models.publicFigures().contains(label.toLowerCase(Locale.ROOT)) ? "public-figure" : "other");
                    } else if (best.confidence() >= threshold) {
                        cls = "miss/partial";
                    } else {
                        boolean single = best.features()[NameEnsemble.SINGLE] > 0;
                        cls = "miss/low/" + (single ? "lone" : "multi") + (single ? "/" + mentionClass(s, best, t.persons(), cands, threshold) : "")
                                + (best.features()[NameEnsemble.SUFFIX] > 0 ? "/suffix" : "")
                                + (best.features()[NameEnsemble.SINGLE_AT_START] > 0 ? "/start" : "");
                    }
                    classes.merge(cls, 1, Integer::sum);
                    if (verbose) {
                        System.out.printf("%s %s [%s] conf %s | %s%n", cls, t.id(), label, best == null ? "-" : best.confidence(),
                                context(s, p[0], p[1]));
                    }
                }
                for (PersonNameDetector.Candidate c : cands) {
                    if (c.confidence() < threshold) {
                        continue;
                    }
                    boolean hit = false;
                    for (int[] p : t.persons()) {
                        hit |= c.start() < p[1] && p[0] < c.end();
                    }
                    if (hit) {
                        continue;
                    }
                    falses++;
                    boolean single = c.features()[NameEnsemble.SINGLE] > 0;
                    String cls = "false/" + (single ? "lone" : "multi") + (c.strong() ? "/strong" : "")
                            + (c.features()[NameEnsemble.ECHO] > 0 ? "/echo" : "")
                            + (c.features()[NameEnsemble.SINGLE_AT_START] > 0 ? "/start" : "")
                            + (t.persons().isEmpty() ? "/person-free" : "");
                    classes.merge(cls, 1, Integer::sum);
                    if (verbose) {
                        System.out.printf("%s %s [%s] conf %s | %s%n", cls, t.id(), s.substring(c.start(), c.end()), c.confidence(),
                                context(s, c.start(), c.end()));
                    }
                }
            }
        }
        classes.forEach((k, v) -> System.out.printf("%5d %s%n", v, k));
        double p = findings == 0 ? 1 : 1 - (double) falses / findings;
        double r = labels == 0 ? 1 : (double) found / labels;
        System.out.printf("detector alone at %.2f: labels %d, findings %d, P %.3f R %.3f F1 %.3f, person-free flagged %d/%d%n",
                threshold, labels, findings, p, r, 2 * p * r / (p + r), freeFlagged, free);
    }

    /** Whether a lone word's other mentions in the text are in a found name, a labelled name only, or nowhere. */
    private static String mentionClass(String s, PersonNameDetector.Candidate lone, List<int[]> persons,
            List<PersonNameDetector.Candidate> cands, double threshold) {
        String w = s.substring(lone.start(), lone.end()).replaceAll("['’]s$", "").toLowerCase(Locale.ROOT);
        boolean inFound = false;
        boolean inLabel = false;
        for (PersonNameDetector.Candidate c : cands) {
            if (c != lone && c.features()[NameEnsemble.SINGLE] == 0 && c.confidence() >= threshold
                    && List.of(s.substring(c.start(), c.end()).toLowerCase(Locale.ROOT).split("[ .]+")).contains(w)) {
                inFound = true;
            }
        }
        for (int[] p : persons) {
            if ((p[0] != lone.start()) && List.of(s.substring(p[0], p[1]).toLowerCase(Locale.ROOT).split("[ .]+")).contains(w)) {
                inLabel = true;
            }
        }
        return inFound ? "name-found-elsewhere" : inLabel ? "name-labelled-elsewhere" : "no-other-mention";
    }

    private static String context(String s, int a, int b) {
        return (s.substring(Math.max(0, a - 50), a) + "[[" + s.substring(a, b) + "]]" + s.substring(b, Math.min(s.length(), b + 40)))
                .replace('\n', ' ');
    }
}
