package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's credential classes on text written for this test, not taken from any suite: {@code
 * rules-test/generality.jsonl} holds hand-written snippets per class (vendor formats, key-named assignments,
 * vendor-only context, connection strings, command lines, frontend variables, password hashes, false alarms,
 * placeholders) with fresh random values ({@code make_generality.py} rewrites it); {@code languages.jsonl} writes the
 * same classes the way other scanners' tests do (keyword assignments in many languages and config formats,
 * credential and package-manager files, infrastructure code, expect/openvpn/NetNTLM/DES gaps; {@code
 * make_languages.py}); {@code styles.jsonl} writes them the way other scanners write their own test cases (vendor
 * keywords near a value, quoted high-entropy assignments, URLs with credentials, private keys in every armour, JWTs,
 * auth headers, cloud credential files, device configs, and the sixth pass's tool syntaxes; {@code make_styles.py});
 * {@code detectors.jsonl} writes them the way Go detector unit tests (a vendor's name and a value joined by many
 * separators, wrappers, headers, URLs and line layouts) and rule files of one-line snippets in many languages and
 * config formats do, and holds test-result lines that are no passwords ({@code make_detectors.py}).
 * Through the default scanner,
 * every "found" snippet's secret is covered (90%, the eval's bar) by SECRET findings and every "clean" snippet
 * has none. All failures are listed at once.
 */
class CredentialGeneralityTest {
    private static Scanner scanner;

    @BeforeAll
    static void buildScanner() throws Exception {
        scanner = ScannerFactory.build(new HushConfig());
    }

    /** The scanner (with its models, a few hundred MB) is not kept for the rest of the one-fork suite. */
    @AfterAll
    static void release() {
        scanner = null;
    }

    @Test
    void everyClassIsFoundAndItsLookAlikesAreNot() throws Exception {
        check("/rules-test/generality.jsonl", 9);
    }

    @Test
    void everyLanguageAndFileStyleIsFoundAndItsLookAlikesAreNot() throws Exception {
        check("/rules-test/languages.jsonl", 8);
    }

    @Test
    void otherScannersTestStylesAreFoundAndTheirLookAlikesAreNot() throws Exception {
        check("/rules-test/styles.jsonl", 9);
    }

    @Test
    void detectorTestsAndOneLineSnippetsInManyLanguagesAreFoundAndTheirLookAlikesAreNot() throws Exception {
        check("/rules-test/detectors.jsonl", 8);
    }

    private static void check(String file, int minClasses) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        Map<String, int[]> perClass = new TreeMap<>(); // class -> {found, clean}
        try (InputStream in = CredentialGeneralityTest.class.getResourceAsStream(file)) {
            assertNotNull(in, file);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                JsonNode rec = json.readTree(line);
                String cls = rec.get("class").asText();
                String text = rec.get("text").asText();
                boolean found = rec.get("expect").asText().equals("found");
                perClass.computeIfAbsent(cls, k -> new int[2])[found ? 0 : 1]++;
                List<Finding> secrets = scanner.scan(text).stream().filter(f -> f.type().startsWith("SECRET.")).toList();
                if (found) {
                    String value = rec.get("value").asText();
                    int start = text.indexOf(value);
                    assertTrue(start >= 0, "line " + n + ": value not in its text");
                    int end = start + value.length();
                    int covered = 0;
                    for (Finding f : secrets) {
                        covered += Math.max(0, Math.min(end, f.end()) - Math.max(start, f.start()));
                    }
                    if (covered < 0.9 * value.length()) {
                        failures.add("line " + n + " (" + cls + ") missed: " + rules(secrets));
                    }
                } else if (!secrets.isEmpty()) {
                    failures.add("line " + n + " (" + cls + ") false alarm: " + rules(secrets));
                }
            }
        }
        // every class has enough snippets to say something about it
        for (Map.Entry<String, int[]> e : perClass.entrySet()) {
            assertTrue(e.getValue()[0] + e.getValue()[1] >= 10, e.getKey() + " has too few snippets");
        }
        assertTrue(perClass.size() >= minClasses, perClass.keySet().toString());
        assertEquals(List.of(), failures);
    }

    /** Rule ids only: the test output never shows a value. */
    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }
}
