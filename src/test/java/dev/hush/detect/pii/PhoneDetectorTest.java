package dev.hush.detect.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneDetectorTest {
    private final PhoneDetector us = new PhoneDetector("US");

    @ParameterizedTest
    @ValueSource(strings = {
        "+44 20 7469 3233", "+33 6 83 41 53 59", "+49 30 05896001", "+1 937-948-5327", "+34 636 907 855",
        "+44 (20) 7123 4567", "+91 4155550132", "+55 11 98456 5666", "(787) 362-0099", "(415)555-0132",
        "404.918.4798", "415-555-0132", "1-800-555-0199", "011 44 20 7946 0958",
    })
    void findsInternationalAndNationalFormats(String phone) {
        assertEquals(List.of(phone), Found.by(us, "call me at " + phone + ", thanks"));
    }

    /**
     * The parse that spares most runs libphonenumber's matcher is sound: on runs of every shape the detector
     * hands over (random digits, groups and separators, with '+', IDD or trunk prefixes), whenever the parse
     * says "not a possible number" the matcher finds no whole-run match either, in several regions.
     */
    @Test
    void parseBeforeTheMatcherRejectsOnlyWhatTheMatcherRejects() {
        java.util.Random r = new java.util.Random(11);
        String[] prefixes = {"+", "+", "00", "011 ", "0", "1-", "", "", "", "("};
        String seps = " -./";
        int[] outcomes = new int[3];
        for (String region : List.of("US", "DE", "GB", "FR")) {
            PhoneDetector d = new PhoneDetector(region);
            for (int t = 0; t < 1_500; t++) {
                StringBuilder b = new StringBuilder(prefixes[r.nextInt(prefixes.length)]);
                int groups = 1 + r.nextInt(5);
                for (int g = 0; g < groups; g++) {
                    if (g > 0) {
                        b.append(r.nextInt(8) == 0 ? ") " : String.valueOf(seps.charAt(r.nextInt(seps.length()))));
                    }
                    int len = 1 + r.nextInt(g == 0 ? 3 : 5);
                    for (int k = 0; k < len; k++) {
                        b.append((char) ('0' + (g == 0 && k == 0 ? 1 + r.nextInt(9) : r.nextInt(10))));
                    }
                }
                String run = b.toString();
                boolean possible = run.charAt(0) == '(' || d.parsesAsPossible(run);
                boolean matched = d.matcherWholeRun(run) != null;
                if (!possible) {
                    assertEquals(false, matched, region + " " + run);
                }
                outcomes[!possible ? 0 : matched ? 1 : 2]++;
            }
        }
        // both answers occur often, so the comparison covers both sides of the shortcut
        org.junit.jupiter.api.Assertions.assertTrue(outcomes[0] > 500 && outcomes[1] > 500,
                java.util.Arrays.toString(outcomes));
    }

    @Test
    void plusRunsRuledOutByLengthAreExactlyThoseParseRulesOut() {
        // random '+' runs: every calling code's length range and beyond, unknown codes, leading zeros
        java.util.Random r = new java.util.Random(23);
        List<Integer> codes = new java.util.ArrayList<>(
                com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedCallingCodes());
        java.util.Collections.sort(codes);
        String seps = " -./\u00a0";
        int shortcut = 0;
        int parsedPossible = 0;
        for (String region : List.of("US", "DE", "GB", "IN")) {
            PhoneDetector d = new PhoneDetector(region);
            for (int t = 0; t < 3_000; t++) {
                StringBuilder digits = new StringBuilder();
                digits.append(r.nextInt(10) == 0 ? String.valueOf(r.nextInt(1000))
                        : String.valueOf(codes.get(r.nextInt(codes.size()))));
                int national = 1 + r.nextInt(17);
                for (int k = 0; k < national; k++) {
                    digits.append((char) ('0' + r.nextInt(10)));
                }
                StringBuilder run = new StringBuilder(r.nextInt(6) == 0 ? "+(" : "+");
                for (int k = 0; k < digits.length(); k++) {
                    if (k > 0 && r.nextInt(4) == 0) {
                        run.append(seps.charAt(r.nextInt(seps.length())));
                    }
                    run.append(digits.charAt(k));
                    if (k == 1 && run.charAt(1) == '(') {
                        run.append(") ");
                    }
                }
                String s = run.toString();
                boolean parsed = d.parsedAsPossible(s);
                if (PlusNumberLength.certainlyNotPossible(s)) {
                    shortcut++;
                    assertEquals(false, parsed, region + " " + s);
                }
                assertEquals(parsed, d.parsesAsPossible(s), region + " " + s);
                parsedPossible += parsed ? 1 : 0;
            }
        }
        // the shortcut answers most runs, and parse finds possible numbers among the rest
        org.junit.jupiter.api.Assertions.assertTrue(shortcut > 6_000 && parsedPossible > 1_000,
                shortcut + " answered without parsing, " + parsedPossible + " possible");
    }

    /**
     * The in-place tests (issue 10, seventh round) give, for a run inside a longer text, what the tests of the
     * copied run gave: the date and dotted-quad test against the array-based one it replaced, and the '+'
     * length shortcut against itself on the copy.
     */
    @Test
    void inPlaceRunTestsAgreeWithTestsOfTheCopiedRun() {
        java.util.Random r = new java.util.Random(31);
        String seps = " -./()";
        int others = 0;
        int ruledOut = 0;
        for (int t = 0; t < 20_000; t++) {
            StringBuilder run = new StringBuilder(r.nextInt(3) == 0 ? "+" : "");
            int groups = 1 + r.nextInt(6);
            for (int g = 0; g < groups; g++) {
                if (g > 0) {
                    run.append(seps.charAt(r.nextInt(r.nextInt(4) == 0 ? seps.length() : 3)));
                }
                int len = 1 + r.nextInt(r.nextBoolean() ? 4 : 6);
                for (int k = 0; k < len; k++) {
                    run.append((char) ('0' + r.nextInt(10)));
                }
            }
            String inner = run.toString();
            String before = "x".repeat(r.nextInt(3)) + (r.nextBoolean() ? "1 " : " ");
            String text = before + inner + (r.nextBoolean() ? " 7" : "");
            int from = before.length();
            int to = from + inner.length();
            boolean other = PhoneDetector.looksLikeOtherNumber(text, from, to);
            assertEquals(arrayLooksLikeOtherNumber(inner), other, inner);
            others += other ? 1 : 0;
            boolean out = PlusNumberLength.certainlyNotPossible(text, from, to);
            assertEquals(PlusNumberLength.certainlyNotPossible(inner), out, inner);
            ruledOut += out ? 1 : 0;
        }
        org.junit.jupiter.api.Assertions.assertTrue(others > 100 && ruledOut > 500, others + " dates or quads, "
                + ruledOut + " '+' runs ruled out");
    }

    /** The date and dotted-quad test as it was written before it read the text in place (group arrays). */
    private static boolean arrayLooksLikeOtherNumber(String run) {
        int[] len = new int[6];
        char[] sep = new char[5];
        int groups = 0;
        int g = 0;
        for (int k = 0; k < run.length(); k++) {
            char c = run.charAt(k);
            if (Character.isDigit(c)) {
                g++;
            } else if (g > 0) {
                if (groups < 5) {
                    len[groups] = g;
                    sep[groups] = c;
                }
                groups++;
                g = 0;
            }
        }
        if (g > 0) {
            if (groups < 6) {
                len[groups] = g;
            }
            groups++;
        }
        if (groups >= 3) {
            boolean dateSep = sep[0] == sep[1] && (sep[0] == '-' || sep[0] == '.' || sep[0] == '/');
            if (dateSep && len[0] == 4 && len[1] <= 2 && len[2] <= 2) {
                return true;
            }
            if (dateSep && len[0] <= 2 && len[1] <= 2 && len[2] == 4) {
                return true;
            }
        }
        if (groups == 4 && sep[0] == '.' && sep[1] == '.' && sep[2] == '.') {
            for (String part : run.split("\\.", -1)) {
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                        || Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void findsSeveralInCsv() {
        assertEquals(List.of("+44 20 7469 3233", "+33 6 83 41 53 59"),
                Found.by(us, "name,phone,card\nA,+44 20 7469 3233,5548911120136987\nB,+33 6 83 41 53 59,379186259597615\n"));
    }

    @Test
    void trimsANeighbouringNumberGroup() {
        assertEquals(List.of("415-555-0132"), Found.by(us, "call 415-555-0132 2 times"));
        assertEquals(List.of("415-555-0132"), Found.by(us, "room 12 415-555-0132"));
        assertEquals(List.of("+44 20 7469 3233"), Found.by(us, "+44 20 7469 3233 3 rings"));
    }

    @Test
    void undelimitedNeedsACue() {
        assertEquals(List.of(), Found.by(us, "ticket 4155550132 closed"));
        assertEquals(List.of("4155550132"), Found.by(us, "Phone: 4155550132"));
    }

    @Test
    void usesTheConfiguredRegion() {
        PhoneDetector de = new PhoneDetector("DE");
        assertEquals(List.of("030 1234567"), Found.by(de, "Tel. 030 1234567 bitte"));
        assertEquals(List.of(), Found.by(us, "Tel. 030 1234567 bitte"));
        assertThrows(IllegalArgumentException.class, () -> new PhoneDetector("ZZ"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ISBN 978-0-054-14688-3", "order #4945 7812 6237 0920", "Windows 10.0.17298.1468",
        "2026-11-27T15:37:26.407Z", "on 2024-01-15 10:30", "from 10.233.73.176 took", "SSN 631-47-2958",
        "4198 2979 6484 3177", "ES55 5688 0092 4520 9010 1799", "employee 82077", "amount 254.60 EUR",
        "555-0132", "4155 550 132", "123-456-7890", "id a415-555-0132", "415-555-0132ms",
        "hash Slw2ws3Uq+14155550132x", "version 4.15.555.0132", "call 415-555-0132-77", "order 4945 7812 6237 0920 12",
    })
    void ignoresNumbersThatAreNotPhones(String text) {
        assertEquals(List.of(), Found.by(us, text));
    }
}
