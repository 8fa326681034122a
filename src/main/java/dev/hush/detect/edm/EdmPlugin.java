package dev.hush.detect.edm;

import dev.hush.config.DetectorPlugin;
import dev.hush.config.Vocabulary;
import dev.hush.config.EdmSettings;
import dev.hush.config.HashKeyFile;
import dev.hush.config.HushConfig;
import dev.hush.detect.Detector;
import dev.hush.detect.SipHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@link EdmDetector} per EDM set in the data directory. Fails closed: a set the config names but the
 * disk lacks, or a set built with another hash key, stops the start instead of silently matching nothing.
 */
public final class EdmPlugin implements DetectorPlugin {

    @Override
    public int order() {
        return 60;
    }

    @Override
    public List<Detector> create(HushConfig config) throws Exception {
        EdmSettings cfg = config.edm;
        if (!cfg.enabled) {
            return List.of();
        }
        return create(Path.of(config.dataDir), cfg, () -> HashKeyFile.load(config));
    }

    public static List<Detector> create(Path dataDir, EdmSettings cfg) throws IOException {
        return create(dataDir, cfg, () -> HashKeyFile.load(dataDir));
    }

    /** As above, with the hash key from {@code key} (the configured {@code hashKey} or the data dir's file). */
    public static List<Detector> create(Path dataDir, EdmSettings cfg, HashKeyFile.Source key) throws IOException {
        EdmStore store = new EdmStore(dataDir);
        List<EdmSetMeta> sets = store.list();
        Set<String> found = new HashSet<>();
        sets.forEach(m -> found.add(m.name()));
        for (String named : cfg.sets.keySet()) {
            if (!found.contains(named) && cfg.sets.get(named).enabled) {
                throw new IOException("edm.sets." + named + ": no such EDM set in " + store.root()
                        + " (build it with `hush edm add " + named + " FILE.csv`)");
            }
        }
        if (sets.isEmpty()) {
            return List.of();
        }
        byte[] keyBytes = key.load();
        String check = HashKeyFile.checkValue(keyBytes);
        SipHash sip = new SipHash(HashKeyFile.derive(keyBytes, EdmStore.KEY_PURPOSE));
        List<Detector> out = new ArrayList<>();
        for (EdmSetMeta meta : sets) {
            EdmSettings.SetOptions o = cfg.sets.get(meta.name());
            if (o != null && !o.enabled) {
                continue;
            }
            if (!check.equals(meta.keyCheck())) {
                throw new IOException("EDM set '" + meta.name() + "' was built with another hash key; rebuild it with "
                        + "`hush edm add --replace " + meta.name() + " FILE.csv`");
            }
            EdmIndex index = store.open(meta);
            if (cfg.preload) {
                index.preload();
            }
            int minFields = o != null && o.minFields != null ? o.minFields : meta.minFields();
            out.add(new EdmDetector(meta, index, sip, minFields));
        }
        return out;
    }

    /** Sets are added at run time by {@code hush edm add}, so the EDM family is open. */
    @Override
    public Vocabulary vocabulary(HushConfig config, List<Detector> created) {
        return Vocabulary.of(Set.of("edm.*"), Set.of("EDM.*"));
    }
}
