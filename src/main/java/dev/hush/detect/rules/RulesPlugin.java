package dev.hush.detect.rules;

import dev.hush.config.DetectorPlugin;
import java.util.LinkedHashSet;
import dev.hush.config.Vocabulary;
import dev.hush.config.HushConfig;
import dev.hush.detect.Detector;
import dev.hush.detect.StartupTrace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The credential rules: the built-in catalogue (JDK regex engine, vetted by its examples), extra
 * Hush-format files from {@code rules.files} and gitleaks files from {@code rules.import} (both RE2J,
 * since their patterns come from outside). All run in one {@link RuleDetector}, sharing one keyword pass.
 */
public final class RulesPlugin implements DetectorPlugin {
    private static final System.Logger LOG = System.getLogger(RulesPlugin.class.getName());
    /** The built-in specs {@link #create} read, for {@link #vocabulary} (a second YAML read cost every start ~0.1 s). */
    private volatile List<RuleCatalogue.SourcedSpec> builtinRead;

    @Override
    public boolean slowToCreate() {
        return true;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<Detector> create(HushConfig config) throws Exception {
        Set<String> disabled = new HashSet<>(config.rules.disabled);
        List<CompiledRule> rules = new ArrayList<>();
        if (config.rules.builtin) {
            StartupTrace t = StartupTrace.begin("rules: catalogue YAML read");
            List<RuleCatalogue.SourcedSpec> specs = RuleCatalogue.builtinSpecs();
            builtinRead = specs;
            StartupTrace.end(t);
            t = StartupTrace.begin("rules: " + specs.size() + " rules compiled");
            rules.addAll(RuleCatalogue.compileBuiltin(specs, disabled));
            StartupTrace.end(t);
        }
        for (String f : config.rules.files) {
            rules.addAll(RuleCatalogue.compile(RuleCatalogue.load(Path.of(f)), RuleCompiler.Engine.RE2J, disabled));
        }
        for (String f : config.rules.importFiles) {
            GitleaksImporter.Result r = GitleaksImporter.importFile(Path.of(f));
            for (String w : r.warnings()) {
                System.err.println("hush: rules.import " + f + ": " + w);
            }
            for (CompiledRule c : r.rules()) {
                if (!disabled.contains(c.id())) {
                    rules.add(c);
                }
            }
        }
        if (rules.isEmpty()) {
            return List.of();
        }
        StartupTrace t = StartupTrace.begin("rules: engine (facts, automata)");
        RuleDetector detector = RuleDetector.configured("rules", rules, config.rules.engine);
        StartupTrace.end(t);
        LOG.log(System.Logger.Level.INFO, "rules: engine " + detector.engineDescription());
        return List.of(detector);
    }

    /** Every rule the configured sources define, disabled or not (a disabled id must still exist). */
    @Override
    public Vocabulary vocabulary(HushConfig config, List<Detector> created) throws Exception {
        Set<String> types = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        List<RuleCatalogue.SourcedSpec> read = builtinRead;
        builtinRead = null; // read once per build: the plug-in does not keep the catalogue's specs alive
        List<RuleCatalogue.SourcedSpec> specs = new ArrayList<>(read != null ? read : RuleCatalogue.builtinSpecs());
        for (String f : config.rules.files) {
            specs.addAll(RuleCatalogue.load(Path.of(f)));
        }
        for (RuleCatalogue.SourcedSpec s : specs) {
            ids.add(s.spec().id);
            types.add(s.spec().type);
        }
        for (String f : config.rules.importFiles) {
            for (CompiledRule c : GitleaksImporter.importFile(Path.of(f)).rules()) {
                ids.add(c.id());
                types.add(c.type());
            }
        }
        ids.remove(null);
        types.remove(null);
        return new Vocabulary(Set.of("rules"), types, ids);
    }
}
