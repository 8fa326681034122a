package dev.hush.detect.rules;

import dev.hush.detect.AhoCorasick;
import dev.hush.detect.FindingSink;
import java.util.List;

/**
 * The reference engine: one keyword pass, then every rule's regex over every region its keyword hits
 * open. Its cost grows with the keyword hits and with each regex's work per region; kept as the
 * definition of the findings ({@link LiteralRuleEngine} must give exactly the same) and as a fallback.
 */
final class WindowedRuleEngine extends RuleEngine {
    private final AhoCorasick keywordIndex;
    /** Per-thread scan state of the last engines each thread used (not a ThreadLocal per engine: see OwnerScratch). */
    private static final OwnerScratch<WindowedRuleEngine, Scan> SCANS =
            new OwnerScratch<>(e -> e.new Scan(new KeywordWindows(e.rules, e.rulesByKeyword)));

    WindowedRuleEngine(List<CompiledRule> rules) {
        super(rules);
        AhoCorasick.Builder b = AhoCorasick.caseInsensitiveBuilder();
        keywords.forEach(b::add);
        this.keywordIndex = keywords.isEmpty() ? null : b.build();
    }

    @Override
    String name() {
        return "windowed";
    }

    @Override
    void detect(String text, FindingSink sink) {
        Scan scan = SCANS.of(this);
        scan.text = text;
        scan.sink = sink;
        try {
            for (int r : keywordless) {
                scan.find(r, 0, text.length());
            }
            if (keywordIndex != null) {
                KeywordWindows w = scan.windows.reset(text.length());
                keywordIndex.search(text, w::onKeyword);
                w.run(scan);
            }
        } finally {
            scan.text = null;
            scan.sink = null;
        }
    }

    /** Per-thread state of one scan: plain regex searches over each region. */
    private final class Scan implements KeywordWindows.Jobs {
        final KeywordWindows windows;
        String text;
        FindingSink sink;

        Scan(KeywordWindows windows) {
            this.windows = windows;
        }

        @Override
        public void find(int r, int from, int to) {
            CompiledRule rule = rules[r];
            String t = text;
            FindingSink s = sink;
            rule.pattern.find(t, from, to, rule.secretGroup, (a, b, c, d) -> report(rule, t, a, b, c, d, s));
        }

        @Override
        public int matchFrom(int r, int firstStart, int lastStart, int to) {
            CompiledRule rule = rules[r];
            String t = text;
            FindingSink s = sink;
            return rule.pattern.matchFrom(t, firstStart, lastStart, to, rule.secretGroup,
                    (a, b, c, d) -> report(rule, t, a, b, c, d, s));
        }
    }
}
