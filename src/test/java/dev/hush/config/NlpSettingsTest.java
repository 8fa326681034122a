package dev.hush.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.Scanner;
import dev.hush.detect.nlp.PersonNamePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NlpSettingsTest {
    @TempDir
    Path tmp;

    private HushConfig load(String yaml) throws Exception {
        Path f = tmp.resolve("hush.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f);
    }

    @Test
    void defaultsAreOnWithPublicFiguresSkipped() {
        HushConfig c = ConfigLoader.defaults();
        assertTrue(c.nlp.person.enabled);
        assertTrue(c.nlp.person.skipPublicFigures);
        assertEquals(0.45, c.nlp.person.threshold); // chosen on the ner-train dev splits (models/README.md)
        assertEquals(List.of("en", "de", "fr", "es"), c.nlp.person.languages);
        assertEquals(List.of(), c.validate());
    }

    @Test
    void yamlKeysBind() throws Exception {
        HushConfig c = load("nlp:\n  person:\n    threshold: 0.8\n    languages: [en, de]\n    skipPublicFigures: false\n");
        assertEquals(0.8, c.nlp.person.threshold);
        assertEquals(List.of("en", "de"), c.nlp.person.languages);
        assertEquals(false, c.nlp.person.skipPublicFigures);
    }

    @Test
    void badValuesNameTheirKey() {
        var e = assertThrows(ConfigLoader.ConfigException.class,
                () -> load("nlp:\n  person:\n    threshold: 1.5\n    languages: [en, xx]\n"));
        assertTrue(e.getMessage().contains("nlp.person.threshold"), e.getMessage());
        assertTrue(e.getMessage().contains("nlp.person.languages[1]"), e.getMessage());
        var unknown = assertThrows(ConfigLoader.ConfigException.class, () -> load("nlp:\n  person:\n    treshold: 0.5\n"));
        assertTrue(unknown.getMessage().contains("nlp.person.treshold"), unknown.getMessage());
    }

    @Test
    void pluginIsRegisteredAndCanBeSwitchedOff() throws Exception {
        HushConfig defaults = ConfigLoader.defaults();
        defaults.rules.builtin = false; // this test is about the nlp plug-in, not the credential catalogue
        Scanner on = ScannerFactory.build(defaults);
        assertTrue(on.detectors().stream().anyMatch(d -> d.id().equals("pii.person")));
        HushConfig off = load("rules:\n  builtin: false\nnlp:\n  person:\n    enabled: false\n");
        assertEquals(List.of(), new PersonNamePlugin().create(off));
        assertTrue(ScannerFactory.build(off).detectors().stream().noneMatch(d -> d.id().equals("pii.person")));
    }
}
