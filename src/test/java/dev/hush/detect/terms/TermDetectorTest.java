package dev.hush.detect.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hush.detect.ScanText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TermDetectorTest {

    static List<String> found(TermDetector d, String text) {
        ScanText st = ScanText.of(text);
        List<String> out = new ArrayList<>();
        d.detect(st, (s, e, type, rule, c) -> out.add(type + ":" + st.normalized().substring(s, e)));
        return out;
    }

    private static TermDetector detector() {
        Map<String, List<String>> dicts = new LinkedHashMap<>();
        dicts.put("PROJECTS", List.of("Project Bluebird", "Nightjar", "C++ Core"));
        dicts.put("CUSTOMERS", List.of("Fabrikam", "Northwind  Traders"));
        return new TermDetector(dicts);
    }

    @Test
    void matchesAllDictionariesInOnePassCaseInsensitively() {
        assertEquals(List.of("CUSTOM.PROJECTS:project bluebird", "CUSTOM.CUSTOMERS:FABRIKAM"),
                found(detector(), "Status of project bluebird for FABRIKAM?"));
        assertEquals(List.of("CUSTOM.CUSTOMERS:Northwind Traders"), found(detector(), "Northwind Traders signed"));
        assertEquals(List.of("CUSTOM.PROJECTS:C++ Core"), found(detector(), "the C++ Core team"));
        assertEquals(List.of("CUSTOM.PROJECTS:NIGHTJAR"), found(detector(), "codename ＮＩＧＨＴＪＡＲ launch"));
    }

    @Test
    void wholeWordsOnly() {
        assertEquals(List.of(), found(detector(), "nightjars and fabrikamo and projectbluebird"));
        assertEquals(List.of("CUSTOM.PROJECTS:Nightjar"), found(detector(), "(Nightjar)."));
    }

    @Test
    void rejectsBlankTerms() {
        assertThrows(IllegalArgumentException.class, () -> new TermDetector(Map.of("X", List.of("ok", " "))));
    }
}
