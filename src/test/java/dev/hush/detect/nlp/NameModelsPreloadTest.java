package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Scanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The built-in name models read ahead of the configuration: taken once, never twice, dropped when not wanted. */
class NameModelsPreloadTest {

    @AfterEach
    void noneLeftPending() {
        NameFinderModels.dropPreloaded();
    }

    @Test
    void aReadAheadIsTakenByTheNextBuiltInLoadAndOnlyByIt() throws Exception {
        NameFinderModels.dropPreloaded();
        int before = NameFinderModels.READS.get();
        NameFinderModels.preloadBuiltin();
        NameFinderModels.preloadBuiltin(); // a second call while one is pending starts nothing
        assertTrue(NameFinderModels.preloadPending());
        NameFinderModels first = NameFinderModels.load(null);
        assertEquals(before + 1, NameFinderModels.READS.get(), "the load took the read-ahead instead of reading again");
        assertFalse(NameFinderModels.preloadPending());
        NameFinderModels second = NameFinderModels.load(null);
        assertEquals(before + 2, NameFinderModels.READS.get(), "the next load reads for itself");
        assertNotSame(first, second);
        assertEquals(first.lexicon().size(), second.lexicon().size());
    }

    @Test
    void aBuildWithNamesOffLetsTheReadAheadGo() throws Exception {
        NameFinderModels.dropPreloaded();
        ScannerFactory.preload();
        assertTrue(NameFinderModels.preloadPending());
        HushConfig config = new HushConfig();
        config.nlp.person.enabled = false;
        Scanner scanner = ScannerFactory.build(config);
        assertFalse(scanner.detectors().stream().anyMatch(d -> d.id().equals(PersonNameDetector.ID)));
        assertFalse(NameFinderModels.preloadPending(), "a build must not keep a model set nobody took");
    }

    @Test
    void aBuildWithNamesOnUsesTheReadAhead() throws Exception {
        NameFinderModels.dropPreloaded();
        int before = NameFinderModels.READS.get();
        ScannerFactory.preload();
        Scanner scanner = ScannerFactory.build(new HushConfig());
        assertTrue(scanner.detectors().stream().anyMatch(d -> d.id().equals(PersonNameDetector.ID)));
        assertEquals(before + 1, NameFinderModels.READS.get(), "one read: the read-ahead's, taken by the build");
        assertFalse(NameFinderModels.preloadPending());
    }
}
