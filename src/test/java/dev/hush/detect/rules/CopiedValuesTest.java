package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No labelled credential of the shared corpus or of the peer suites is copied into a rule example or a test
 * (issue 9): rules and tests must prove themselves on fresh values of the same format, or a score on those
 * suites measures memory. Checked: every SECRET span of {@code corpus/dev.jsonl} and its PII values of the
 * specific kinds (full names, e-mails, phones, SSNs, cards, IBANs, IPs), and every key-shaped token
 * (12+ chars of a key alphabet, letters and digits, 3+ bits/char, not a plain identifier, path or constant
 * name) of the gitleaks and Nosey Parker secret cases, against the tokens of {@code config/rules} and
 * {@code src/test}.
 */
@Tag(SharedData.TAG)
class CopiedValuesTest {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/_\\-.=~]{12,}");
    /** Identifiers, dotted names, paths, constants: shapes shared by any two texts about code. */
    private static final Pattern PLAIN_NAME = Pattern.compile("/*[A-Za-z][A-Za-z0-9]*(?:[_.\\-/=][A-Za-z0-9]+)*");
    private static final Pattern MIXED_CASE_DIGITS = Pattern.compile("(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9]).*");
    /** Fixed parts of a documented format, which every value of it contains (not anyone's secret). */
    private static final Set<String> FORMAT_CONSTANTS = Set.of(
            "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t"); // AWS Bedrock key prefix: base64 of bedrock.amazonaws.com

    /** PII whose labelled values are specific enough that a copy is a copy (full names, not lone first names). */
    private static final Set<String> COPYABLE_PII = Set.of("PII.PERSON", "PII.EMAIL", "PII.PHONE", "PII.US_SSN",
            "PII.CREDIT_CARD", "PII.IBAN", "PII.IP_ADDRESS");

    @Test
    void tokenRulesKeepKeysAndDropNames() {
        Set<String> t = keyTokens("api_key = \"Zq7vK2mPw9xTb4Ld\" # see docs/setup_guide_v2.md and MY_API_KEY_2024");
        assertEquals(Set.of("Zq7vK2mPw9xTb4Ld"), t);
        assertTrue(keyTokens("password_reset_token_v2 report/api/use/635").isEmpty());
    }

    @Test
    void noLabelledCredentialInRulesOrTests() throws IOException {
        Map<String, String> labelled = new TreeMap<>(); // value -> the record it comes from
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(SharedData.file("corpus/dev.jsonl"))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode rec = json.readTree(line);
                String text = rec.path("text").asText();
                for (JsonNode s : rec.path("spans")) {
                    String type = s.path("type").asText();
                    if (type.startsWith("SECRET") || COPYABLE_PII.contains(type)) {
                        String v = text.substring(s.path("start").asInt(), s.path("end").asInt());
                        if (v.length() >= 8 && (!type.equals("PII.PERSON") || v.indexOf(' ') > 0)) {
                            labelled.put(v, rec.path("id").asText());
                        }
                    }
                }
            }
        }
        for (String suite : new String[] {"peer-suites/gitleaks-cases.jsonl", "peer-suites/noseyparker-cases.jsonl"}) {
            try (BufferedReader in = Files.newBufferedReader(SharedData.file(suite))) {
                for (String line; (line = in.readLine()) != null; ) {
                    JsonNode rec = json.readTree(line);
                    if ("secret".equals(rec.path("expect").asText())) {
                        for (String t : keyTokens(rec.path("text").asText())) {
                            labelled.put(t, rec.path("id").asText());
                        }
                    }
                }
            }
        }
        assertTrue(labelled.size() > 1000, "the labelled values were read: " + labelled.size());
        labelled.keySet().removeAll(FORMAT_CONSTANTS);

        List<Path> files = new ArrayList<>();
        for (String root : new String[] {"config/rules", "src/test"}) {
            try (Stream<Path> walk = Files.walk(Path.of(root))) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        assertTrue(files.size() > 50, "rule and test files found: " + files.size());
        List<String> copies = new ArrayList<>();
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            Set<String> tokens = allTokens(text);
            for (Map.Entry<String, String> e : labelled.entrySet()) {
                String v = e.getKey();
                boolean oneToken = TOKEN.matcher(v).matches();
                if (oneToken ? tokens.contains(v) : text.contains(v)) {
                    // the record id, not the value: this message must not spread it further
                    copies.add(f + " holds the labelled value of " + e.getValue());
                }
            }
        }
        assertTrue(copies.isEmpty(), "replace with fresh values of the same format:\n" + String.join("\n", copies));
    }

    @Test
    void aCopyIsFound() {
        String value = "Qm4xT8vLp2Zr7KwB9nYd";
        assertTrue(allTokens("positive:\n  - 'token = \"" + value + "\"'").contains(value));
        assertFalse(allTokens("token = \"" + value + "x\"").contains(value));
    }

    private static Set<String> allTokens(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(stripDots(m.group()));
        }
        return out;
    }

    /** Key-shaped tokens: letters and digits, 3+ bits/char, and not a plain name (unless mixed-case with digits). */
    static Set<String> keyTokens(String text) {
        Set<String> out = new HashSet<>();
        for (String t : allTokens(text)) {
            if (t.length() < 12 || !t.matches("(?s).*[A-Za-z].*") || !t.matches("(?s).*[0-9].*")) {
                continue;
            }
            double bits = Entropy.shannon(t);
            boolean plain = PLAIN_NAME.matcher(t).matches() || t.contains("//");
            if ((bits >= 3.0 && !plain) || (bits >= 3.5 && randomRun(t))) {
                out.add(t);
            }
        }
        return out;
    }

    /** A run of 12+ letters and digits in both cases, no separator: a key, not a word or a name. */
    private static boolean randomRun(String t) {
        for (String part : t.split("[_.\\-/=+~]")) {
            if (part.length() >= 12 && MIXED_CASE_DIGITS.matcher(part).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String stripDots(String t) {
        int end = t.length();
        while (end > 0 && t.charAt(end - 1) == '.') {
            end--;
        }
        return t.substring(0, end);
    }
}
