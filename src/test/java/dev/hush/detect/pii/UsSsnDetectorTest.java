package dev.hush.detect.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsSsnDetectorTest {
    private final UsSsnDetector d = new UsSsnDetector();

    @Test
    void findsPrintedForms() {
        assertEquals(List.of("631-47-2958"), Found.by(d, "employee 82077, SSN 631-47-2958. HR needs it"));
        assertEquals(List.of("078-05-1123"), Found.by(d, "078-05-1123"));
        assertEquals(List.of("078.05.1123"), Found.by(d, "078.05.1123"));
        assertEquals(List.of("078 05 1123"), Found.by(d, "abc 078 05 1123 abc"));
        assertEquals(List.of("631-47-2958", "078-05-1123"), Found.by(d, "SSNs 631-47-2958 078-05-1123 2 days"));
    }

    @Test
    void undelimitedNeedsACue() {
        assertEquals(List.of(), Found.by(d, "ticket 078051121 closed"));
        assertEquals(List.of("078051121"), Found.by(d, "her SSN is 078051121"));
        assertEquals(List.of("078-051121"), Found.by(d, "social security number: 078-051121"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000",
        "078-05-1120", "219-09-9999", "123-45-6789", "111-11-1111",
        "SSN 078-05-0000", "SSN 078 00 1123", "SSN 693-09.4444",
        "SSN 0780511201", "call 1-078-05-1123", "id 078-05-1123-7", "v078-05-1123",
    })
    void rejectsNumbersTheSsaNeverIssues(String text) {
        assertEquals(List.of(), Found.by(d, text));
    }
}
