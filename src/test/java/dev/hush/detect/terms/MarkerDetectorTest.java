package dev.hush.detect.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hush.detect.Detector;
import dev.hush.detect.ScanText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkerDetectorTest {
    private final MarkerDetector defaults = new MarkerDetector(null);

    static List<String> found(Detector d, String text) {
        ScanText st = ScanText.of(text);
        List<String> out = new ArrayList<>();
        d.detect(st, (s, e, type, rule, c) -> {
            assertEquals(MarkerDetector.TYPE, type);
            out.add(st.normalized().substring(s, e));
        });
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Summarize this memo:\\n\\nCOMPANY CONFIDENTIAL\\n\\nSubject: Q3|COMPANY CONFIDENTIAL",
        "CONFIDENTIAL - INTERNAL USE ONLY\\nbody text here|CONFIDENTIAL - INTERNAL USE ONLY",
        "Internal Only - Do Not Distribute\\nbody|Internal Only - Do Not Distribute",
        "STRICTLY CONFIDENTIAL|STRICTLY CONFIDENTIAL",
        "Microsoft Confidential\\nNotes from the review|Microsoft Confidential",
        "Footer: this deck is for internal use only, thanks|for internal use only",
        "Please do not distribute this outside the team.|do not distribute",
        "Classification: Confidential\\nText|Confidential",
        "The file was marked as restricted by legal.|restricted",
        "[Confidential] Q3 numbers attached|Confidential",
        "Acme Corp Confidential\\nQ3 plan|Acme Corp Confidential",
        "Proprietary and Confidential - Acme Inc. 2026|Proprietary and Confidential",
        "TLP:AMBER report on the incident|TLP:AMBER",
        "CONFIDENTIALITY NOTICE: This e-mail is intended only for the addressee|CONFIDENTIALITY NOTICE",
        "Ｃｏｎｆｉｄｅｎｔｉａｌ\\nfullwidth banner|Confidential",
    })
    void findsBannersAsOneSpan(String text, String expected) {
        List<String> got = found(defaults, text.replace("\\n", "\n"));
        assertEquals(1, got.size(), got.toString());
        // single-word banners report the marker word itself; "Acme Corp" is not part of the marker
        assertEquals(expected.replace("Acme Corp ", ""), got.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "How do I keep customer data confidential when using an LLM?",
        "Write a confidentiality agreement for a contractor.",
        "The API has restricted access for guests, is that right?",
        "enum Level { PUBLIC, INTERNAL, RESTRICTED(3) }",
        "level = Visibility.RESTRICTED",
        "CONFIDENTIAL = 3",
        "if (doc.isConfidential()) return;",
        "He told me a secret about the proprietary algorithm in our product line.",
        "500 INTERNAL SERVER ERROR",
        "DB_HOST=auth0.internal.fabrikam.io",
    })
    void staysQuietInOrdinaryProseAndCode(String text) {
        assertEquals(List.of(), found(defaults, text));
    }

    @Test
    void configuredListReplacesDefaults() {
        MarkerDetector custom = new MarkerDetector(List.of("Contoso Highly Restricted", "eyes only"));
        assertEquals(List.of("CONTOSO HIGHLY RESTRICTED"), found(custom, "CONTOSO HIGHLY RESTRICTED\nplan"));
        assertEquals(List.of(), found(custom, "CONFIDENTIAL\nplan"));
        assertEquals(List.of(), found(new MarkerDetector(List.of()), "CONFIDENTIAL\nplan"));
        assertThrows(IllegalArgumentException.class, () -> new MarkerDetector(Arrays.asList("ok", " ")));
    }
}
