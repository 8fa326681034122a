package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.hush.SharedData;
import dev.hush.detect.ScanText;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GitleaksImporterTest {

    @org.junit.jupiter.api.BeforeAll
    static void needsSharedMaterial() {
        org.junit.jupiter.api.Assumptions.assumeTrue(SharedData.available(),
                "skipped: the peer suites and gitleaks rules (../shared) are not here");
    }

    @Test
    void theSharedGitleaksFileLoadsCompletelyWithEveryGapNamed() throws Exception {
        Path toml = SharedData.file("gitleaks/gitleaks.toml");
        GitleaksImporter.Result r = GitleaksImporter.importFile(toml);
        JsonNode root = new TomlMapper().readTree(toml.toFile());
        int declared = root.path("rules").size();
        assertEquals(declared, r.rules().size() + r.skipped(), "every rule is imported or reported as skipped");
        assertTrue(r.rules().size() >= declared - 5, "imported " + r.rules().size() + " of " + declared);
        for (JsonNode rule : root.path("rules")) {
            String id = rule.path("id").asText();
            boolean needsWarning = !rule.has("regex") || rule.has("path") || rule.has("required")
                    || rule.path("skipReport").asBoolean(false);
            if (needsWarning) {
                assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith(id + ":")), "no warning names " + id);
            }
        }
        for (CompiledRule c : r.rules()) {
            assertTrue(c.id().startsWith("gitleaks:"));
            assertTrue(c.pattern instanceof Re2jRulePattern, "imported patterns run on RE2J");
        }
    }

    @Test
    void importedRulesFindGitleaksOwnTestSecrets() throws Exception {
        GitleaksImporter.Result r = GitleaksImporter.importFile(SharedData.file("gitleaks/gitleaks.toml"));
        RuleDetector d = new RuleDetector("imported", r.rules());
        ObjectMapper json = new ObjectMapper();
        int secrets = 0;
        int found = 0;
        try (BufferedReader in = Files.newBufferedReader(SharedData.file("peer-suites/gitleaks-cases.jsonl"))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode c = json.readTree(line);
                if (!"secret".equals(c.path("expect").asText()) || c.path("path_dependent").asBoolean(false)) {
                    continue;
                }
                secrets++;
                Set<String> rules = new HashSet<>();
                d.detect(ScanText.of(c.path("text").asText()), (s, e, t, rule, conf) -> rules.add(rule));
                if (!rules.isEmpty()) {
                    found++;
                }
            }
        }
        double recall = (double) found / secrets;
        assertTrue(recall >= 0.97, "imported gitleaks rules caught " + found + "/" + secrets);
    }
}
