package dev.hush.detect.rules;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.List;

/**
 * Runs a catalogue of credential rules: a rule's pattern runs only in the regions its keyword hits open
 * (windows around them, or just their start positions), and there only where its required literals occur
 * and a match can start ({@link LiteralRuleEngine}). Immutable and thread-safe.
 */
public final class RuleDetector implements Detector {
    /** How rules are run; every engine gives the same findings. */
    public enum Engine {
        /** Required literals in one automaton with the keywords; the default. */
        LITERALS,
        /** Each rule's regex over every region its keywords open: the reference. */
        WINDOWED
    }

    private final String id;
    private final List<CompiledRule> rules;
    private final RuleEngine engine;

    public RuleDetector(String id, List<CompiledRule> rules) {
        this(id, rules, Engine.LITERALS);
    }

    public RuleDetector(String id, List<CompiledRule> rules, Engine engine) {
        this.id = id;
        this.rules = List.copyOf(rules);
        this.engine = engine == Engine.WINDOWED ? new WindowedRuleEngine(rules) : new LiteralRuleEngine(rules);
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
        }
        return d + ")";
    }

    @Override
    public void detect(ScanText st, FindingSink sink) {
        engine.detect(st.normalized(), sink);
    }
}
