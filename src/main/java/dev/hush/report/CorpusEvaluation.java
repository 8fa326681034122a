package dev.hush.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.detect.Finding;
import dev.hush.detect.FindingTypes;
import dev.hush.detect.Scanner;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a scanner against a labeled JSON Lines corpus by the rules of the shared corpus README:
 * a labeled secret is caught when SECRET findings cover at least 90% of its characters, any other
 * value when findings of its family cover at least 50%; a finding that overlaps no labeled value of
 * its family is a false positive. Records labeled per case ({@code "expect": "secret"|"clean"}, the
 * gitleaks and Nosey Parker peer suites) are scored per case (Nosey Parker's {@code np.assets} ruleset,
 * identifiers rather than secrets, is skipped); Presidio records marked context- or config-dependent are
 * skipped, and their {@code entity} limits scoring to that family.
 */
public final class CorpusEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PRESIDIO_ENTITY = Map.of(
            "CREDIT_CARD", "PII.CREDIT_CARD", "IBAN_CODE", "PII.IBAN", "EMAIL_ADDRESS", "PII.EMAIL",
            "PHONE_NUMBER", "PII.PHONE", "IP_ADDRESS", "PII.IP_ADDRESS", "US_SSN", "PII.US_SSN");

    private CorpusEvaluation() {
    }

    /** Counts for one family. */
    public static final class FamilyScore {
        int labels;
        int caught;
        int findings;
        int falsePositives;

        public double recall() {
            return labels == 0 ? Double.NaN : (double) caught / labels;
        }

        public double precision() {
            return findings == 0 ? Double.NaN : (double) (findings - falsePositives) / findings;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            if (Double.isNaN(p) || Double.isNaN(r) || p + r == 0) {
                return Double.NaN;
            }
            return 2 * p * r / (p + r);
        }
    }

    /** The whole evaluation. */
    public static final class Result {
        final Map<String, FamilyScore> families = new TreeMap<>();
        int records;
        int skipped;
        int promptsWithSecrets;
        int promptsAllSecretsCaught;
        int cleanPrompts;
        int cleanFlagged;
        // case-labeled (gitleaks) records
        int secretCases;
        int secretCasesCaught;
        int cleanCases;
        int cleanCasesFlagged;
        int globallyCleanCases;
        int globallyCleanCasesFlagged;
        long chars;
        long nanos;
        final List<Map.Entry<String, String>> errors = new ArrayList<>();

        public Map<String, FamilyScore> families() {
            return families;
        }

        public FamilyScore family(String name) {
            return families.get(name);
        }

        public double cleanFlaggedShare() {
            return cleanPrompts == 0 ? Double.NaN : (double) cleanFlagged / cleanPrompts;
        }

        public double secretCaseRecall() {
            return secretCases == 0 ? Double.NaN : (double) secretCasesCaught / secretCases;
        }

        public double globallyCleanCasesFlaggedShare() {
            return globallyCleanCases == 0 ? Double.NaN : (double) globallyCleanCasesFlagged / globallyCleanCases;
        }

        public List<Map.Entry<String, String>> errors() {
            return errors;
        }

        public ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            o.put("records", records);
            o.put("skipped", skipped);
            ObjectNode fams = o.putObject("families");
            families.forEach((name, s) -> {
                ObjectNode f = fams.putObject(name);
                f.put("labels", s.labels);
                f.put("caught", s.caught);
                f.put("findings", s.findings);
                f.put("false_positives", s.falsePositives);
                put(f, "recall", s.recall());
                put(f, "precision", s.precision());
                put(f, "f1", s.f1());
            });
            if (promptsWithSecrets > 0) {
                o.put("prompts_with_secrets", promptsWithSecrets);
                put(o, "prompts_all_secrets_caught", (double) promptsAllSecretsCaught / promptsWithSecrets);
            }
            if (cleanPrompts > 0) {
                o.put("clean_prompts", cleanPrompts);
                put(o, "clean_prompts_flagged", cleanFlaggedShare());
            }
            if (secretCases + cleanCases > 0) {
                o.put("secret_cases", secretCases);
                put(o, "secret_case_recall", secretCaseRecall());
                o.put("clean_cases", cleanCases);
                put(o, "clean_cases_flagged", cleanCases == 0 ? Double.NaN : (double) cleanCasesFlagged / cleanCases);
                o.put("globally_clean_cases", globallyCleanCases);
                put(o, "globally_clean_cases_flagged", globallyCleanCasesFlaggedShare());
            }
            put(o, "mb_per_s", chars / 1e6 / Math.max(1e-9, nanos / 1e9));
            return o;
        }

        private static void put(ObjectNode o, String k, double v) {
            if (Double.isNaN(v)) {
                o.putNull(k);
            } else {
                o.put(k, Math.round(v * 10000) / 10000.0);
            }
        }

        public String toText() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("records %d (skipped %d), %.1f MB/s%n", records, skipped,
                    chars / 1e6 / Math.max(1e-9, nanos / 1e9)));
            if (!families.isEmpty()) {
                b.append(String.format("%-18s %7s %7s %8s %5s %8s %9s %7s%n", "family", "labels", "caught",
                        "findings", "FP", "recall", "precision", "F1"));
                families.forEach((name, s) -> b.append(String.format("%-18s %7d %7d %8d %5d %8s %9s %7s%n",
                        name, s.labels, s.caught, s.findings, s.falsePositives, fmt(s.recall()),
                        fmt(s.precision()), fmt(s.f1()))));
            }
            if (promptsWithSecrets > 0) {
                b.append(String.format("prompts whose secrets are all caught: %d/%d (%s)%n", promptsAllSecretsCaught,
                        promptsWithSecrets, fmt((double) promptsAllSecretsCaught / promptsWithSecrets)));
            }
            if (cleanPrompts > 0) {
                b.append(String.format("clean prompts flagged: %d/%d (%s)%n", cleanFlagged, cleanPrompts,
                        fmt(cleanFlaggedShare())));
            }
            if (secretCases + cleanCases > 0) {
                b.append(String.format("secret cases caught: %d/%d (%s)%n", secretCasesCaught, secretCases,
                        fmt(secretCaseRecall())));
                b.append(String.format("clean cases flagged: %d/%d; globally clean (no other peer rule fires, not path-dependent): %d/%d (%s)%n",
                        cleanCasesFlagged, cleanCases, globallyCleanCasesFlagged, globallyCleanCases,
                        fmt(globallyCleanCasesFlaggedShare())));
            }
            return b.toString();
        }

        private static String fmt(double v) {
            return Double.isNaN(v) ? "-" : String.format("%.4f", v);
        }
    }

    public static Result run(Scanner scanner, Path corpus) throws IOException {
        Result r = new Result();
        try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode rec = JSON.readTree(line);
                // Nosey Parker's np.assets rules find identifiers (bucket names, client ids), not secrets
                if (rec.path("context_dependent").asBoolean(false) || rec.path("config_dependent").asBoolean(false)
                        || "np.assets".equals(rec.path("ruleset").asText())) {
                    r.skipped++;
                    continue;
                }
                r.records++;
                String id = rec.path("id").asText("?");
                String text = rec.path("text").asText("");
                long t0 = System.nanoTime();
                List<Finding> findings = scanner.scan(text);
                r.nanos += System.nanoTime() - t0;
                r.chars += text.length();
                if (rec.has("expect")) {
                    scoreCase(r, id, rec, findings);
                } else {
                    scoreSpans(r, id, rec, text, findings);
                }
            }
        }
        return r;
    }

    private static void scoreCase(Result r, String id, JsonNode rec, List<Finding> findings) {
        boolean flagged = findings.stream().anyMatch(f -> f.type().startsWith(FindingTypes.SECRET));
        if ("secret".equals(rec.path("expect").asText())) {
            r.secretCases++;
            if (flagged) {
                r.secretCasesCaught++;
            } else {
                r.errors.add(new AbstractMap.SimpleEntry<>(id, "missed secret case (peer rule " + rec.path("rule").asText() + ")"));
            }
        } else {
            r.cleanCases++;
            // a clean case that is clean only because of its file path cannot be told apart in a prompt
            // ...and one that is another peer rule's finding (gitleaks) or positive example (Nosey Parker) is no false alarm
            boolean globallyClean = rec.path("other_rules_found").size() == 0
                    && rec.path("other_rules_tp").size() == 0
                    && !rec.path("path_dependent").asBoolean(false);
            if (flagged) {
                r.cleanCasesFlagged++;
            }
            if (globallyClean) {
                r.globallyCleanCases++;
                if (flagged) {
                    r.globallyCleanCasesFlagged++;
                    String rules = findings.stream().map(Finding::rule).distinct().reduce((a, b) -> a + "," + b).orElse("");
                    r.errors.add(new AbstractMap.SimpleEntry<>(id, "flagged clean case: " + rules));
                }
            }
        }
    }

    private static void scoreSpans(Result r, String id, JsonNode rec, String text, List<Finding> findings) {
        String only = rec.has("entity") ? PRESIDIO_ENTITY.get(rec.path("entity").asText()) : null;
        if (rec.has("entity") && only == null) {
            r.skipped++;
            r.records--;
            return;
        }
        List<int[]> spans = new ArrayList<>();
        List<String> spanFam = new ArrayList<>();
        for (JsonNode s : rec.path("spans")) {
            String fam = FindingTypes.family(s.path("type").asText());
            if (only != null && !only.equals(fam)) {
                continue;
            }
            spans.add(new int[] {s.path("start").asInt(), s.path("end").asInt()});
            spanFam.add(fam);
        }
        List<Finding> scored = new ArrayList<>();
        for (Finding f : findings) {
            if (only == null || only.equals(f.family())) {
                scored.add(f);
            }
        }
        boolean hasSecret = false;
        boolean allSecrets = true;
        for (int i = 0; i < spans.size(); i++) {
            int[] s = spans.get(i);
            String fam = spanFam.get(i);
            FamilyScore fs = r.families.computeIfAbsent(fam, k -> new FamilyScore());
            fs.labels++;
            int covered = covered(s[0], s[1], scored, fam);
            int len = Math.max(1, s[1] - s[0]);
            boolean secret = fam.equals(FindingTypes.SECRET);
            boolean caught = secret ? covered >= 0.9 * len : covered >= 0.5 * len;
            if (caught) {
                fs.caught++;
            } else {
                r.errors.add(new AbstractMap.SimpleEntry<>(id, "missed " + fam + " [" + s[0] + "," + s[1] + ") "
                        + rec.path("spans").get(0).path("type").asText("")));
            }
            if (secret) {
                hasSecret = true;
                allSecrets &= caught;
            }
        }
        if (hasSecret) {
            r.promptsWithSecrets++;
            if (allSecrets) {
                r.promptsAllSecretsCaught++;
            }
        }
        if (spans.isEmpty()) {
            r.cleanPrompts++;
            if (!scored.isEmpty()) {
                r.cleanFlagged++;
            }
        }
        for (Finding f : scored) {
            String fam = f.family();
            FamilyScore fs = r.families.computeIfAbsent(fam, k -> new FamilyScore());
            fs.findings++;
            boolean hit = false;
            for (int i = 0; i < spans.size(); i++) {
                int[] s = spans.get(i);
                if (spanFam.get(i).equals(fam) && f.start() < s[1] && s[0] < f.end()) {
                    hit = true;
                    break;
                }
            }
            if (!hit) {
                fs.falsePositives++;
                r.errors.add(new AbstractMap.SimpleEntry<>(id, "false " + f.type() + " by " + f.rule() + " ["
                        + f.start() + "," + f.end() + ")"));
            }
        }
    }

    /** Characters of [start, end) covered by findings of the family. */
    private static int covered(int start, int end, List<Finding> findings, String fam) {
        boolean[] mark = new boolean[end - start];
        for (Finding f : findings) {
            if (!f.family().equals(fam)) {
                continue;
            }
            for (int i = Math.max(start, f.start()); i < Math.min(end, f.end()); i++) {
                mark[i - start] = true;
            }
        }
        int n = 0;
        for (boolean b : mark) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
