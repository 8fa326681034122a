package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameFeaturesTest {
    private static List<String> features(NameFeatures.CasedClusterGenerator g, String token) {
        List<String> out = new ArrayList<>();
        g.createFeatures(out, new String[] {"x", token}, 1, null);
        return out;
    }

    @Test
    void theGazetteerClassCarriesHowTheWordIsWritten() throws Exception {
        var dict = new NameFeatures.KeptOpen(new ByteArrayInputStream("velmora Fc2\nqi F\n".getBytes(StandardCharsets.UTF_8)));
        var g = new NameFeatures.CasedClusterGenerator(dict, "gazetteer");
        assertEquals(List.of("gazetteerUFc2"), features(g, "Velmora"));
        assertEquals(List.of("gazetteerlFc2"), features(g, "velmora"));
        assertEquals(List.of("gazetteerAFc2"), features(g, "VELMORA"));
        assertEquals(List.of("gazetteerUF"), features(g, "Qi"));
        assertEquals(List.of("gazetteerAF"), features(g, "QI"));
        assertEquals(List.of(), features(g, "Orvath"));
        assertEquals('U', NameFeatures.CasedClusterGenerator.caseOf("McDonald"));
        assertEquals('U', NameFeatures.CasedClusterGenerator.caseOf("Q"));
        assertEquals('l', NameFeatures.CasedClusterGenerator.caseOf("2024"));
    }
}
