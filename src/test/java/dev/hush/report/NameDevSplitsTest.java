package dev.hush.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hush.SharedData;
import dev.hush.detect.Scanner;
import dev.hush.detect.nlp.NameFinderModels;
import dev.hush.detect.nlp.PersonNameDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Person names on the dev splits of the human-annotated corpora (../shared/ner-train), with the shipped
 * model and the default settings: prints the table that models/README.md quotes and holds a floor under
 * it, so that a retrained model or a tuning change cannot quietly lose what was measured. The dev splits
 * are never trained or tuned on (the ensemble is fitted on a tenth of the train splits).
 * Skipped, saying why, in a clone without ../shared.
 */
@Tag("shared")
class NameDevSplitsTest {

    @Test
    void devSplitsStayAboveTheMeasuredFloor() throws Exception {
        Path dir;
        try {
            dir = SharedData.file("ner-train");
        } catch (IllegalStateException e) {
            dir = null;
        }
        assumeTrue(dir != null && Files.isRegularFile(dir.resolve("gum.jsonl")), "skipped: ../shared/ner-train not found");
        Scanner scanner = new Scanner(List.of(new PersonNameDetector(NameFinderModels.load(null), new dev.hush.config.NlpSettings.PersonSettings().threshold, true,
                List.of("en", "de", "fr", "es"))), "ner-dev");
        Map<String, NameDevEvaluation.Score> s = NameDevEvaluation.run(scanner, dir, null);
        String table = NameDevEvaluation.toText(s);
        System.out.print(table);
        NameDevEvaluation.Score news = s.get("news");
        NameDevEvaluation.Score social = s.get("social");
        assertTrue(news.f1() >= NEWS_F1 && news.precision() >= PRECISION, table);
        assertTrue(social.f1() >= SOCIAL_F1 && social.precision() >= PRECISION, table);
        assertTrue(news.personFreeFlaggedShare() <= FREE_FLAGGED && social.personFreeFlaggedShare() <= FREE_FLAGGED, table);
    }

    // floors a little under the numbers measured for the shipped model (models/README.md)
    private static final double NEWS_F1 = 0.78;
    private static final double SOCIAL_F1 = 0.50;
    private static final double PRECISION = 0.85;
    private static final double FREE_FLAGGED = 0.05;
}
