package dev.hush.detect.nlp;

import dev.hush.config.DetectorPlugin;
import java.util.Set;
import dev.hush.config.Vocabulary;
import dev.hush.config.HushConfig;
import dev.hush.config.NlpSettings;
import dev.hush.detect.Detector;
import java.nio.file.Path;
import java.util.List;

/** Registers {@code pii.person} (see {@link PersonNameDetector}); loads its models once per (re)load. */
public final class PersonNamePlugin implements DetectorPlugin {

    @Override
    public boolean slowToCreate() {
        return true;
    }

    @Override
    public int order() {
        return 400;
    }

    /** The built-in model set's read (about half a second of CPU) starts before the configuration is read. */
    @Override
    public void preload() {
        NameFinderModels.preloadBuiltin();
    }

    @Override
    public void dropPreloaded() {
        NameFinderModels.dropPreloaded();
    }

    @Override
    public List<Detector> create(HushConfig config) throws Exception {
        NlpSettings.PersonSettings p = config.nlp.person;
        if (!p.enabled) {
            return List.of();
        }
        Path dir = p.modelDir == null || p.modelDir.isBlank() ? null : Path.of(p.modelDir);
        NameFinderModels models = NameFinderModels.load(dir);
        return List.of(new PersonNameDetector(models, p.threshold, p.skipPublicFigures, p.languages));
    }

    @Override
    public Vocabulary vocabulary(HushConfig config, List<Detector> created) {
        return Vocabulary.of(Set.of(PersonNameDetector.ID), Set.of(PersonNameDetector.TYPE));
    }
}
