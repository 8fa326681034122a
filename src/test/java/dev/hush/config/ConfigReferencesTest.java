package dev.hush.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.policy.PolicyRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typos in names the configuration refers to stop the start with an error naming the key. */
class ConfigReferencesTest {
    @TempDir
    Path dir;

    private HushConfig config(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "dataDir: " + dir.resolve("data") + "\nnlp:\n  person:\n    enabled: false\n" + yaml);
        return ConfigLoader.load(f);
    }

    @Test
    void everyDanglingReferenceIsNamedAtStart() throws Exception {
        HushConfig c = config("""
                policy:
                  rules:
                    - {id: a, types: ["PII.EMAIL"], action: allow}
                    - {id: b, types: ["SECRET.GITHUB*"], providers: [openai], action: warn}
                    - {id: c, types: ["SECRET.AWZ*", "PII.*"], providers: [opena1], action: block}
                rules:
                  disabled: [github-pat, no-such-rule]
                detection:
                  disabled: [pii.phone, pii.phnoe]
                """);
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class, () -> ScannerFactory.build(c));
        String m = e.getMessage();
        assertTrue(m.contains("policy.rules[2].types[0]: 'SECRET.AWZ*' matches no finding type"), m);
        assertTrue(m.contains("policy.rules[2].providers[0]: unknown provider 'opena1'"), m);
        assertTrue(m.contains("rules.disabled[1]: no rule has the id 'no-such-rule'"), m);
        assertTrue(m.contains("detection.disabled[1]: no detector has the id 'pii.phnoe'"), m);
        assertEquals(4, m.lines().filter(l -> l.startsWith("  ")).count(), "only the four typos: " + m);
    }

    @Test
    void validReferencesBuildAndOpenFamiliesAcceptFutureMembers() throws Exception {
        HushConfig c = config("""
                detection:
                  dictionaries: {projects: [Bluebird]}
                  disabled: [pii.phone]
                policy:
                  rules:
                    - {id: a, types: ["EDM.customers", "CUSTOM.projects", "CONFIDENTIAL.*", "*"], action: warn}
                rules:
                  disabled: [github-pat]
                """);
        assertTrue(ScannerFactory.build(c).detectors().stream().noneMatch(d -> d.id().equals("pii.phone")));
    }

    @Test
    void dictionaryTypesComeFromTheConfiguredDictionaries() {
        Vocabulary v = Vocabulary.of(java.util.Set.of(), java.util.Set.of("CUSTOM.projects", "EDM.*"));
        HushConfig c = new HushConfig();
        c.policy.rules.add(new PolicyRule("x", "CUSTOM.projcts", "block"));
        c.policy.rules.add(new PolicyRule("y", "EDM*", "block"));
        List<String> errors = ConfigReferences.check(c, v);
        assertEquals(List.of("policy.rules[0].types[0]: 'CUSTOM.projcts' matches no finding type"), errors);
    }
}
