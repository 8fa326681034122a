package dev.hush.detect.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanDetectorTest {
    private final IbanDetector d = new IbanDetector();

    @Test
    void findsCompactSpacedAndDashed() {
        assertEquals(List.of("DE89 3704 0044 0532 0130 00"), Found.by(d, "IBAN DE89 3704 0044 0532 0130 00, BIC X"));
        assertEquals(List.of("GB29NWBK60161331926819"), Found.by(d, "pay GB29NWBK60161331926819 today"));
        assertEquals(List.of("AL47-2121-1009-0000-0002-3569-8741"),
                Found.by(d, "Dash as iban separator: AL47-2121-1009-0000-0002-3569-8741"));
        assertEquals(List.of("CH89 0205 43CP 5A46 5FP7 D"), Found.by(d, "CH89 0205 43CP 5A46 5FP7 D, BIC IFKDSRPE"));
        assertEquals(List.of("VG96 VPVG 0000 0123 4567 8901"),
                Found.by(d, "this is an iban VG96 VPVG 0000 0123 4567 8901 X in a sentence"));
        assertEquals(List.of("AL47212110090000000235698741", "AL47212110090000000235698741"),
                Found.by(d, "list: AL47212110090000000235698741, AL47212110090000000235698741"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DE89 3704 0044 0532 0130 01", // checksum
        "DE89 3704 0044 0532 0130 0", // too short for DE
        "AL47/2121/1009/0000/0002/3569/8741", // '/' is not a separator
        "EE38 2200 2210  014 5686", // double space
        "HR12 001 0051 8630 0016 A", // groups of three
        "LV80 bANK 0000 4351 9500 1", // lower case
        "XX89370400440532013000", // no such country
        "CY17 0020 0128 0000 0012 0052 7601 failed",
        "ADE89370400440532013000", // glued to a word
        "DE8937040044053201300012", // too long, glued digits
    })
    void rejectsInvalid(String text) {
        assertEquals(List.of(), Found.by(d, text));
    }

    @Test
    void checksMod97() {
        assertTrue(IbanDetector.isValid("NO93 8601 1117 947"));
        assertTrue(IbanDetector.isValid("MT84MALT011000012345MTLCAST001S"));
        assertFalse(IbanDetector.isValid("MT84MALT011000012345MTLCAST001T"));
        assertFalse(IbanDetector.isValid("NO93 8601 1117 94"));
    }
}
