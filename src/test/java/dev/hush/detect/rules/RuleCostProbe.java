package dev.hush.detect.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.detect.ScanText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hand-run probe of the reference engine: regex time, runs and hits per rule over a JSON Lines corpus
 * (docs/benchmarks.md, "where the time goes"). {@code java -cp ... dev.hush.detect.rules.RuleCostProbe FILE}
 */
public final class RuleCostProbe {
    static final class Timed implements RulePattern {
        final RulePattern p;
        long nanos;
        long runs;
        long hits;
        long chars;

        Timed(RulePattern p) {
            this.p = p;
        }

        @Override
        public void find(CharSequence text, int from, int to, int g, MatchVisitor v) {
            long t = System.nanoTime();
            runs++;
            chars += to - from;
            p.find(text, from, to, g, (a, b, c, d) -> {
                hits++;
                v.onMatch(a, b, c, d);
            });
            nanos += System.nanoTime() - t;
        }

        @Override
        public int matchFrom(CharSequence text, int a, int b, int to, int g, MatchVisitor v) {
            long t = System.nanoTime();
            runs++;
            chars += b - a + 1;
            int r = p.matchFrom(text, a, b, to, g, (x, y, c, d) -> {
                hits++;
                v.onMatch(x, y, c, d);
            });
            nanos += System.nanoTime() - t;
            return r;
        }

        @Override
        public boolean canMatchAt() {
            return p.canMatchAt();
        }

        @Override
        public int groupCount() {
            return p.groupCount();
        }

        @Override
        public String regex() {
            return p.regex();
        }

        @Override
        public boolean matchesAnywhere(CharSequence text) {
            return p.matchesAnywhere(text);
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            texts.add(json.readTree(line).path("text").asText());
        }
        List<CompiledRule> rules = new ArrayList<>();
        List<Timed> timed = new ArrayList<>();
        for (CompiledRule r : RuleCatalogue.compile(RuleCatalogue.builtinSpecs(), RuleCompiler.Engine.JDK, Set.of())) {
            Timed t = new Timed(r.pattern);
            timed.add(t);
            rules.add(new CompiledRule(r.id, r.type, r.description, t, r.keywords, r.secretGroup, r.entropy, r.window,
                    r.windowBefore, r.startsNearKeyword, r.validators, r.placeholderCheck, r.allowSecretRegexes,
                    r.allowMatchRegexes, r.stopwords, r.confidence, r.source));
        }
        RuleDetector d = new RuleDetector("rules", rules, RuleDetector.Engine.WINDOWED);
        for (int rep = 0; rep < 5; rep++) {
            for (Timed t : timed) {
                t.nanos = t.runs = t.hits = t.chars = 0;
            }
            long t0 = System.nanoTime();
            for (String s : texts) {
                d.detect(ScanText.of(s), (a, b, c, e, f) -> { });
            }
            System.out.printf("pass %d: %.1f ms%n", rep, (System.nanoTime() - t0) / 1e6);
        }
        long total = timed.stream().mapToLong(t -> t.nanos).sum();
        long runs = timed.stream().mapToLong(t -> t.runs).sum();
        long hits = timed.stream().mapToLong(t -> t.hits).sum();
        System.out.printf("regex total %.1f ms, %d runs, %d matches%n", total / 1e6, runs, hits);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < timed.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(timed.get(b).nanos, timed.get(a).nanos));
        for (int i : order.subList(0, 25)) {
            Timed t = timed.get(i);
            System.out.printf("%6.2f ms %5.1f%% runs %6d hits %5d chars %8d  %s near=%s%n", t.nanos / 1e6,
                    100.0 * t.nanos / total, t.runs, t.hits, t.chars, rules.get(i).id, rules.get(i).startsNearKeyword);
        }
    }
}
