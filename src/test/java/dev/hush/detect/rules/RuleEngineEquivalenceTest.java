package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.detect.ScanText;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The literal engine gives exactly the findings of the windowed reference engine (same spans, rules, order),
 * for whatever catalogue is built in today and for gitleaks' imported rules (RE2J), over every rule's
 * examples, texts generated from them, and, when ../shared is there, the dev corpus and the peer suites.
 */
class RuleEngineEquivalenceTest {
    static final List<CompiledRule> BUILTIN =
            RuleCatalogue.compile(RuleCatalogue.builtinSpecs(), RuleCompiler.Engine.JDK, Set.of());

    /** Raw findings of one engine, as comparable strings in emission order (offsets and rule, no values). */
    static List<String> findings(RuleDetector d, String text) {
        List<String> out = new ArrayList<>();
        d.detect(ScanText.of(text), (s, e, type, rule, conf) -> out.add(s + ".." + e + " " + type + " " + rule + " " + conf));
        return out;
    }

    private static int compare(List<CompiledRule> rules, List<String> texts, String what) {
        RuleDetector reference = new RuleDetector("ref", rules, RuleDetector.Engine.WINDOWED);
        RuleDetector literals = new RuleDetector("new", rules, RuleDetector.Engine.LITERALS);
        int total = 0;
        for (int i = 0; i < texts.size(); i++) {
            List<String> expected = findings(reference, texts.get(i));
            assertEquals(expected, findings(literals, texts.get(i)), what + " text #" + i);
            total += expected.size();
        }
        return total;
    }

    /** Every example of every rule, plus texts built from them: glued, repeated, re-cased, cut, padded. */
    static List<String> generatedTexts() {
        List<String> examples = new ArrayList<>();
        for (RuleCatalogue.SourcedSpec s : RuleCatalogue.builtinSpecs()) {
            if (s.spec().examples != null) {
                examples.addAll(s.spec().examples.positive);
                examples.addAll(s.spec().examples.negative);
            }
        }
        List<String> texts = new ArrayList<>(examples);
        Random rnd = new Random(20261201);
        String[] glue = {" ", "\n", "", "=", "\"", ":", "\t", " and ", "\\n", "%20", "\u00a0", "é", ".", "_", "-"};
        for (int i = 0; i < 3000; i++) {
            String a = examples.get(rnd.nextInt(examples.size()));
            String b = examples.get(rnd.nextInt(examples.size()));
            String g = glue[rnd.nextInt(glue.length)];
            switch (i % 6) {
                case 0 -> texts.add(a + g + b);
                case 1 -> texts.add(a.toUpperCase(Locale.ROOT) + g + b.toLowerCase(Locale.ROOT));
                case 2 -> texts.add(a.substring(0, rnd.nextInt(a.length() + 1)) + g + b.substring(rnd.nextInt(b.length() + 1)));
                case 3 -> texts.add((a + g).repeat(1 + rnd.nextInt(4)));
                case 4 -> texts.add(filler(rnd, rnd.nextInt(400)) + g + a + g + filler(rnd, rnd.nextInt(400)) + b);
                default -> texts.add(g + a + g + g + b + g + a);
            }
        }
        return texts;
    }

    private static String filler(Random rnd, int len) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.=:/+\n\"'";
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static Path shared() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared");
            if (Files.isDirectory(c.resolve("corpus"))) {
                return c;
            }
        }
        String prop = System.getProperty("hush.shared");
        return prop != null && Files.isDirectory(Path.of(prop, "corpus")) ? Path.of(prop) : null;
    }

    private static List<String> jsonlTexts(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(json.readTree(line).path("text").asText());
                }
            }
        }
        return out;
    }

    static List<String> sharedTexts() throws Exception {
        Path dir = shared();
        assumeTrue(dir != null, "skipped: ../shared not found (corpus and peer suites)");
        List<String> texts = new ArrayList<>(jsonlTexts(dir.resolve("corpus/dev.jsonl")));
        try (var files = Files.list(dir.resolve("peer-suites"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                texts.addAll(jsonlTexts(f));
            }
        }
        return texts;
    }

    @Test
    void builtInCatalogueOnGeneratedTexts() {
        int found = compare(BUILTIN, generatedTexts(), "generated");
        assertTrue(found > 1000, "the generated texts exercise the rules: " + found + " findings");
    }

    @Test
    void builtInCatalogueOnCorpusAndPeerSuites() throws Exception {
        List<String> texts = sharedTexts();
        int found = compare(BUILTIN, texts, "shared");
        assertTrue(found > 1000, found + " findings");
    }

    @Test
    void importedGitleaksRulesOnCorpusAndPeerSuites() throws Exception {
        List<String> texts = sharedTexts();
        List<CompiledRule> imported = GitleaksImporter.importFile(shared().resolve("gitleaks/gitleaks.toml")).rules();
        List<String> sample = new ArrayList<>(texts);
        sample.addAll(generatedTexts().subList(0, 1500));
        int found = compare(imported, sample, "gitleaks rules");
        assertTrue(found > 100, found + " findings");
    }

    @Test
    void everyBuiltInRuleAloneOnItsOwnExamples() {
        // a catalogue of one: the rule's windows never merge with another's, and its gate stands alone
        for (RuleCatalogue.SourcedSpec s : RuleCatalogue.builtinSpecs()) {
            if (s.spec().examples == null) {
                continue;
            }
            List<CompiledRule> one = RuleCatalogue.compile(List.of(s), RuleCompiler.Engine.JDK, Set.of());
            compare(one, exampleTexts(s.spec()), s.spec().id);
        }
    }

    /** A rule's own examples, each positive also doubled and upper-cased (repeats and case folding). */
    static List<String> exampleTexts(RuleSpec spec) {
        List<String> texts = new ArrayList<>(spec.examples.positive);
        texts.addAll(spec.examples.negative);
        for (String p : spec.examples.positive) {
            texts.add(p + " " + p);
            texts.add(p.toUpperCase(Locale.ROOT));
        }
        return texts;
    }
}
