package dev.hush.detect.rules;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.lang.ref.Cleaner;
import java.util.List;

/**
 * Runs a catalogue of credential rules: a rule's pattern runs only in the regions its keyword hits open
 * (windows around them, or just their start positions), and there only where its required literals occur
 * and a match can start ({@link LiteralRuleEngine}). Immutable and thread-safe.
 */
public final class RuleDetector implements Detector, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    /** How rules are run; every engine gives the same findings. */
    public enum Engine {
        /** {@link #LITERALS} with one Hyperscan prefilter database over all rules (native, x86_64). */
        HYPERSCAN,
        /** Required literals in one automaton with the keywords; the pure-Java path. */
        LITERALS,
        /** Each rule's regex over every region its keywords open: the reference. */
        WINDOWED
    }

    private final String id;
    private final List<CompiledRule> rules;
    private final RuleEngine engine;
    private final Cleaner.Cleanable cleanable;
    private String why = "";

    public RuleDetector(String id, List<CompiledRule> rules) {
        this(id, rules, Engine.LITERALS);
    }

    public RuleDetector(String id, List<CompiledRule> rules, Engine engine) {
        this.id = id;
        this.rules = List.copyOf(rules);
        this.engine = switch (engine) {
            case WINDOWED -> new WindowedRuleEngine(rules);
            case LITERALS -> new LiteralRuleEngine(rules);
            case HYPERSCAN -> new LiteralRuleEngine(rules, true);
        };
        RuleEngine e = this.engine;
        this.cleanable = CLEANER.register(this, e::close); // native memory, should close() never be called
    }

    /**
     * The detector the {@code rules.engine} setting asks for: {@code hyperscan} requires the native library,
     * {@code java} is the pure-Java path, {@code auto} takes Hyperscan where it loads and Java elsewhere.
     */
    public static RuleDetector configured(String id, List<CompiledRule> rules, String setting) {
        boolean imported = rules.stream().anyMatch(r -> r.pattern instanceof Re2jRulePattern);
        // the native library is loaded only where it may be used
        String unavailable = setting.equals("java") || setting.equals("auto") && !imported ? null
                : HyperscanPrefilter.unavailableReason();
        RuleDetector d;
        switch (setting) {
            case "java" -> {
                d = new RuleDetector(id, rules, Engine.LITERALS);
                d.why = "rules.engine: java";
            }
            case "hyperscan" -> {
                if (unavailable != null) {
                    throw new IllegalStateException("rules.engine: hyperscan, but " + unavailable
                            + "; set rules.engine to auto or java");
                }
                d = new RuleDetector(id, rules, Engine.HYPERSCAN);
                d.why = "rules.engine: hyperscan";
            }
            case "auto" -> {
                // measured (docs/benchmarks.md): Hyperscan is 1.2-12x faster on imported (RE2J) catalogues,
                // but on the built-in one alone it is even with Java on the corpus and costs the database build
                boolean hs = unavailable == null && imported;
                d = new RuleDetector(id, rules, hs ? Engine.HYPERSCAN : Engine.LITERALS);
                d.why = hs ? "rules.engine: auto, imported rules and the native library loaded"
                        : unavailable != null ? "rules.engine: auto, Java because " + unavailable
                        : "rules.engine: auto, Java for the built-in catalogue alone";
            }
            default -> throw new IllegalArgumentException("rules.engine: unknown engine '" + setting + "'");
        }
        return d;
    }

    @Override
    public String id() {
        return id;
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    /** Which engine runs and what it indexes, for the start-up log. */
    public String engineDescription() {
        String d = engine.name() + " (" + rules.size() + " rules, " + engine.keywords.size() + " keywords";
        if (engine instanceof LiteralRuleEngine l) {
            d += ", " + l.literalCount() + " required literals";
            HyperscanPrefilter p = l.prefilter();
            if (p != null) {
                d += ", " + p.coveredCount() + " in the Hyperscan database, " + p.fallbacks().size()
                        + " on the Java path";
                if (!p.fallbacks().isEmpty()) {
                    d += " " + p.fallbacks().stream().map(f -> f.rule() + ": " + f.reason()).toList();
                }
            }
        }
        return d + ")" + (why.isEmpty() ? "" : "; " + why);
    }

    /** Frees the engine's native memory (Hyperscan); the detector must not be used afterwards. */
    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public void detect(ScanText st, FindingSink sink) {
        // the scan budget (ScanContext) is charged for the text before the engine runs over it
        st.charge(st.normalized().length());
        engine.detect(st.normalized(), sink);
    }
}
