package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleDetectorTest {

    private static Scanner scanner() throws Exception {
        Path file = Path.of(RuleDetectorTest.class.getResource("/rules-test/sample.yaml").toURI());
        List<CompiledRule> rules = RuleCatalogue.compile(RuleCatalogue.load(file), RuleCompiler.Engine.JDK, Set.of());
        return new Scanner(List.of(new RuleDetector("rules", rules)), "test");
    }

    @Test
    void findsTheSecretGroupOnly() throws Exception {
        String text = "please use tst_Ab3dE5gH7jK9mN1pQ3sT for the call";
        List<Finding> f = scanner().scan(text);
        assertEquals(1, f.size());
        assertEquals("tst_Ab3dE5gH7jK9mN1pQ3sT", text.substring(f.get(0).start(), f.get(0).end()));
        assertEquals("test-prefixed", f.get(0).rule());
    }

    @Test
    void lowEntropyPlaceholdersEnvReferencesAndStopwordsAreDropped() throws Exception {
        Scanner s = scanner();
        assertEquals(List.of(), s.scan("tst_aaaaaaaaaaaaaaaaaaaa"));
        assertEquals(List.of(), s.scan("password=${DB_PASSWORD}"));
        assertEquals(List.of(), s.scan("password: hunter2hunter"));
        assertEquals(List.of(), s.scan("password = changeme123"));
        assertEquals(1, s.scan("password = \"Zq8!rT2#xY\"").size());
    }

    @Test
    void keywordsAreCaseInsensitiveAndWindowsFindEveryHit() throws Exception {
        StringBuilder b = new StringBuilder("PASSWORD: Zq8!rT2#xY\n");
        for (int i = 0; i < 200; i++) {
            b.append("filler text that is long enough to separate the windows. ");
        }
        b.append("Password= Xy7$kL0pQw\n");
        List<Finding> f = scanner().scan(b.toString());
        assertEquals(2, f.size());
        assertEquals("Xy7$kL0pQw", b.substring(f.get(1).start(), f.get(1).end()));
    }

    @Test
    void evasionWithZeroWidthAndFullwidthIsStillFound() throws Exception {
        String zw = "tst_Ab3dE5gH7j\u200BK9mN1pQ3sT";
        List<Finding> f = scanner().scan("x " + zw + " y");
        assertEquals(1, f.size());
        assertEquals(2, f.get(0).start());
        assertEquals(2 + zw.length(), f.get(0).end());
        String fw = "ｔｓｔ＿Ａｂ３ｄＥ５ｇＨ７ｊＫ９ｍＮ１ｐＱ３ｓＴ";
        f = scanner().scan("token " + fw);
        assertEquals(1, f.size());
        assertEquals(6, f.get(0).start());
        assertEquals(6 + fw.length(), f.get(0).end());
    }

    @Test
    void jwtValidatorChecksStructure() throws Exception {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"1234567890\",\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String good = header + "." + payload + ".c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMTIz";
        assertEquals(1, scanner().scan("Authorization: Bearer " + good).size());
        String bad = "eyJub3Rqc29uIGF0IGFsbA." + payload + ".c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMTIz";
        assertEquals(0, scanner().scan("Authorization: Bearer " + bad).size());
    }

    @Test
    void badRulesAreRejectedWithTheirKeyNamed() {
        RuleSpec spec = new RuleSpec();
        spec.id = "broken";
        spec.type = "SECRET.X";
        spec.pattern = "(unclosed";
        RuleCompiler.RuleException e = assertThrows(RuleCompiler.RuleException.class,
                () -> RuleCompiler.compile(spec, "f.yaml", RuleCompiler.Engine.JDK));
        assertTrue(e.getMessage().startsWith("f.yaml: rule broken: pattern:"), e.getMessage());
        spec.pattern = "(?=look)ahead";
        e = assertThrows(RuleCompiler.RuleException.class, () -> RuleCompiler.compile(spec, "f.yaml", RuleCompiler.Engine.JDK));
        assertTrue(e.getMessage().contains("pattern: does not compile"), "look-around is not RE2: " + e.getMessage());
        // the built-in catalogue's start-up path skips only that proof (the build made it)
        assertEquals("broken", RuleCompiler.compile(spec, "f.yaml", RuleCompiler.Engine.JDK, false).id());
        spec.pattern = "abc";
        spec.validators = List.of("nope");
        e = assertThrows(RuleCompiler.RuleException.class, () -> RuleCompiler.compile(spec, "f.yaml", RuleCompiler.Engine.JDK));
        assertTrue(e.getMessage().contains("validators: unknown validator 'nope'"), e.getMessage());
    }

    @Test
    void aScanLeavesNothingBehindForTheNextOneOnTheSameThread() throws Exception {
        Scanner reused = scanner();
        String first = "x".repeat(500) + " password = \"Zq8!rT2#xY\" tst_Ab3dE5gH7jK9mN1pQ3sT";
        String second = "password: Xy7$kL0pQw and tst_Zb3dE5gH7jK9mN1pQ3sQ";
        reused.scan(first);
        List<Finding> afterReuse = reused.scan(second);
        List<Finding> fresh = scanner().scan(second);
        assertEquals(fresh, afterReuse);
        assertEquals(2, afterReuse.size());
    }

    @Test
    void aLineAllowlistSeesTheRestOfTheLineButNotTheNextOne() throws Exception {
        RuleSpec spec = new RuleSpec();
        spec.id = "line-check";
        spec.type = "SECRET.X";
        spec.pattern = "PASS: (\\S+)";
        spec.keywords = List.of("pass:");
        RuleSpec.Allowlist line = new RuleSpec.Allowlist();
        line.target = "line";
        line.regexes = List.of("^PASS: \\S+ [a-z]+ words$");
        spec.allowlists = List.of(line);
        for (RuleCompiler.Engine engine : RuleCompiler.Engine.values()) {
            CompiledRule rule = RuleCompiler.compile(spec, "f.yaml", engine);
            for (RuleDetector.Engine run : List.of(RuleDetector.Engine.LITERALS, RuleDetector.Engine.WINDOWED)) {
                Scanner s = new Scanner(List.of(new RuleDetector("rules", List.of(rule), run)), "test");
                String where = engine + "/" + run;
                assertEquals(List.of(), s.scan("PASS: x86_64 description words"), where);
                assertEquals(1, s.scan("PASS: Kq7zX2mT\ndescription words").size(), where);
                assertEquals(1, s.scan("PASS: Kq7zX2mT").size(), where);
            }
        }
        assertEquals("PASS: a b", CompiledRule.lineOf("x PASS: a b\nnext", 2, 9));
        assertEquals(CompiledRule.LINE_TAIL + 1, CompiledRule.lineOf("p" + "q".repeat(1000), 0, 1).length());
        spec.allowlists.get(0).target = "nearby";
        RuleCompiler.RuleException e = assertThrows(RuleCompiler.RuleException.class,
                () -> RuleCompiler.compile(spec, "f.yaml", RuleCompiler.Engine.JDK));
        assertTrue(e.getMessage().contains("must be secret, match or line"), e.getMessage());
    }
}
