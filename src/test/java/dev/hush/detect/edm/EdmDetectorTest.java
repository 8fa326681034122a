package dev.hush.detect.edm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.EdmSettings;
import dev.hush.config.HashKeyFile;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdmDetectorTest {
    private static final List<String> COLUMNS = List.of("name", "email", "phone", "account", "city");

    @TempDir
    Path dir;
    Path data;
    EdmSetMeta meta;
    Scanner scanner;

    @BeforeEach
    void build() throws IOException {
        data = dir.resolve("data");
        meta = EdmTestData.build(data, EdmTestData.customers(dir), "customers", COLUMNS, List.of("account"), 2);
        scanner = EdmTestData.scanner(data, new EdmSettings());
    }

    private static String covered(String text, List<Finding> fs) {
        StringBuilder b = new StringBuilder();
        for (Finding f : fs) {
            b.append('[').append(text, f.start(), f.end()).append(']');
        }
        return b.toString();
    }

    @Test
    void twoFieldsOfOneRecordAreReportedWithTheirSpans() {
        String p = "Please draft a reply to JOHN SMITH, his address is John.Smith@Example.com and he is upset.";
        List<Finding> fs = scanner.scan(p);
        assertEquals("[JOHN SMITH][John.Smith@Example.com]", covered(p, fs));
        for (Finding f : fs) {
            assertEquals("EDM.customers", f.type());
            assertEquals("edm:customers", f.rule());
        }
    }

    @Test
    void fieldsOfDifferentRecordsAreNotARecord() {
        assertTrue(scanner.scan("John Smith wrote to maria.g@example.org yesterday.").isEmpty());
    }

    @Test
    void oneOrdinaryFieldIsNotEnough() {
        assertTrue(scanner.scan("Say hello to John Smith from me.").isEmpty());
        assertTrue(scanner.scan("Is maria.g@example.org a valid address?").isEmpty());
    }

    @Test
    void aUniqueColumnMatchesAlone() {
        String p = "Close account acc 0012 3456 today.";
        assertEquals("[acc 0012 3456]", covered(p, scanner.scan(p)));
    }

    @Test
    void accentsInThePromptDoNotHideARecord() {
        String p = "Mária García, acc 0098 7654";
        assertEquals("[Mária García][acc 0098 7654]", covered(p, scanner.scan(p)));
    }

    @Test
    void phoneNumbersMatchInAnotherFormat() {
        String p = "Maria Garcia can be reached on +44 20 7946 0958.";
        assertEquals("[Maria Garcia][+44 20 7946 0958]", covered(p, scanner.scan(p)));
        String q = "call john smith at 1-555-123-4567";
        assertEquals("[john smith][1-555-123-4567]", covered(q, scanner.scan(q)));
    }

    @Test
    void aCommonValueConfirmsARowThatARareValueProposed() {
        // Springfield is in 198 rows: more than the rows a value may enumerate
        String p = "Maria Garcia moved away from Springfield last year.";
        assertEquals("[Maria Garcia][Springfield]", covered(p, scanner.scan(p)));
        // two common values alone never make a record
        assertTrue(scanner.scan("Springfield and more Springfield").isEmpty());
    }

    @Test
    void punctuationInsideAValueIsIgnored() {
        String p = "OBRIEN LIAM: liam@obrien.example";
        List<Finding> fs = scanner.scan(p);
        assertEquals(2, fs.size(), covered(p, fs));
    }

    @Test
    void minFieldsFromConfigOverridesTheBuildValue() throws IOException {
        EdmSettings s = new EdmSettings();
        EdmSettings.SetOptions o = new EdmSettings.SetOptions();
        o.minFields = 3;
        s.sets.put("customers", o);
        Scanner strict = EdmTestData.scanner(data, s);
        assertTrue(strict.scan("John Smith <john.smith@example.com>").isEmpty());
        assertEquals(3, strict.scan("John Smith <john.smith@example.com> (555) 123-4567").size());
    }

    @Test
    void oneSpanCountsForOneFieldOnly() throws IOException {
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "first,last,full\nJohn,Smith,John Smith\nAnna,Berg,Anna Berg\n");
        EdmTestData.build(data, csv, "people", List.of(), List.of(), 2);
        Scanner s = EdmTestData.scanner(data, new EdmSettings());
        assertTrue(s.scan("I met John Smith.").stream().noneMatch(f -> f.type().equals("EDM.people")));
        assertTrue(s.scan("John and Smith met.").stream().anyMatch(f -> f.type().equals("EDM.people")));
    }

    @Test
    void aSetOfOneWordValuesIsMatched() throws IOException {
        Path csv = dir.resolve("codes.csv");
        Files.writeString(csv, "code,site\nXK12345678,Grimsby\nZZ99,Leeds\n");
        EdmTestData.build(data, csv, "codes", List.of(), List.of(), 2);
        Scanner s = EdmTestData.scanner(data, new EdmSettings());
        String p = "Ship XK12345678 to grimsby.";
        assertEquals("[XK12345678][grimsby]", covered(p, s.scan(p).stream().filter(f -> f.type().equals("EDM.codes")).toList()));
        assertTrue(s.scan("Ship XK12345678 to Leeds.").stream().noneMatch(f -> f.type().equals("EDM.codes")));
    }

    @Test
    void theIndexHoldsNoPlaintext() throws IOException {
        String[] secrets = {"smith", "john.smith@example.com", "12345", "0012", "7946", "garcia", "springfield"};
        try (Stream<Path> files = Files.walk(data.resolve("edm"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String latin = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).toLowerCase();
                String utf16 = new String(Files.readAllBytes(f), StandardCharsets.UTF_16LE).toLowerCase();
                for (String s : secrets) {
                    assertFalse(latin.contains(s) || utf16.contains(s), f.getFileName() + " holds " + s);
                }
            }
        }
        assertEquals(List.of("name", "email", "phone", "account", "city"), meta.columns());
        assertEquals(199, meta.rows());
    }

    @Test
    void aSetBuiltWithAnotherKeyIsRefused() throws IOException {
        Files.delete(data.resolve(HashKeyFile.FILE_NAME));
        HashKeyFile.loadOrCreate(data);
        IOException e = assertThrows(IOException.class, () -> EdmPlugin.create(data, new EdmSettings()));
        assertTrue(e.getMessage().contains("another hash key"), e.getMessage());
    }

    @Test
    void aConfiguredSetThatDoesNotExistIsAnError() {
        EdmSettings s = new EdmSettings();
        s.sets.put("employees", new EdmSettings.SetOptions());
        IOException e = assertThrows(IOException.class, () -> EdmPlugin.create(data, s));
        assertTrue(e.getMessage().contains("edm.sets.employees"), e.getMessage());
    }

    @Test
    void aSwitchedOffSetIsNotScanned() throws IOException {
        EdmSettings s = new EdmSettings();
        EdmSettings.SetOptions o = new EdmSettings.SetOptions();
        o.enabled = false;
        s.sets.put("customers", o);
        assertTrue(EdmTestData.scanner(data, s).scan("acc 0012 3456").isEmpty());
    }

    @Test
    void repeatedUniqueValuesAreCounted() throws IOException {
        Path csv = dir.resolve("dup.csv");
        Files.writeString(csv, "name,account\nA Person,ACC-1111-2222\nB Person,ACC-1111-2222\nC Person,ACC-3333-4444\n");
        EdmSetMeta m = EdmTestData.build(data, csv, "dup", List.of(), List.of("account"), 2);
        assertEquals(1, m.repeatedUniqueValues());
    }

    @Test
    void unknownColumnsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                EdmTestData.build(data, dir.resolve("customers.csv"), "x", List.of("name", "ssn"), List.of(), 2));
        assertTrue(e.getMessage().contains("'ssn'"), e.getMessage());
    }
}
