package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.SharedData;
import dev.hush.detect.ScanText;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The long-tail catalogue (config/rules/saas-*.yaml) against gitleaks' own test cases for the same
 * issuers: the cases of every gitleaks rule that shares an id with a saas rule must be found, and the
 * saas rules must stay quiet on the suite's globally clean cases.
 */
class SaasRulesPeerSuiteTest {

    @org.junit.jupiter.api.BeforeAll
    static void needsSharedMaterial() {
        org.junit.jupiter.api.Assumptions.assumeTrue(SharedData.available(),
                "skipped: the peer suites and gitleaks rules (../shared) are not here");
    }
    private static final List<RuleCatalogue.SourcedSpec> SAAS = RuleCatalogue.builtinSpecs().stream()
            .filter(s -> s.source().contains("saas-")).toList();
    private static final RuleDetector DETECTOR =
            new RuleDetector("saas", RuleCatalogue.compile(SAAS, RuleCompiler.Engine.JDK, Set.of()));

    private static boolean fires(String text) {
        boolean[] any = {false};
        DETECTOR.detect(ScanText.of(text), (s, e, t, rule, conf) -> any[0] = true);
        return any[0];
    }

    private static List<JsonNode> cases() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(SharedData.file("peer-suites/gitleaks-cases.jsonl"))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.add(json.readTree(line));
            }
        }
        return out;
    }

    @Test
    void findsGitleaksSecretCasesOfTheSameIssuers() throws Exception {
        Set<String> ids = new HashSet<>();
        SAAS.forEach(s -> ids.add(s.spec().id));
        int secrets = 0;
        int found = 0;
        List<String> missed = new ArrayList<>();
        for (JsonNode c : cases()) {
            if ("secret".equals(c.path("expect").asText()) && ids.contains(c.path("rule").asText())) {
                secrets++;
                if (fires(c.path("text").asText())) {
                    found++;
                } else if (missed.size() < 10) {
                    missed.add(c.path("id").asText());
                }
            }
        }
        assertTrue(secrets > 3000, "too few shared-id cases: " + secrets);
        assertTrue(found >= 0.99 * secrets, "found " + found + "/" + secrets + ", e.g. " + missed);
    }

    @Test
    void staysQuietOnGloballyCleanCases() throws Exception {
        List<JsonNode> all = cases();
        Set<String> secretTexts = new HashSet<>();
        for (JsonNode c : all) {
            if ("secret".equals(c.path("expect").asText())) {
                secretTexts.add(c.path("text").asText());
            }
        }
        int clean = 0;
        List<String> flagged = new ArrayList<>();
        for (JsonNode c : all) {
            String text = c.path("text").asText();
            // texts that are also secret cases are clean only because of their file path
            if ("clean".equals(c.path("expect").asText()) && c.path("other_rules_found").isEmpty()
                    && !secretTexts.contains(text)) {
                clean++;
                if (fires(text)) {
                    flagged.add(c.path("id").asText());
                }
            }
        }
        assertTrue(clean > 300, "too few clean cases: " + clean);
        assertTrue(flagged.size() <= clean / 100, "flagged " + flagged);
    }
}
