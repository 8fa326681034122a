package dev.hush.detect.fingerprint;

import dev.hush.config.DetectorPlugin;
import java.util.Set;
import dev.hush.config.Vocabulary;
import dev.hush.config.FingerprintSettings;
import dev.hush.config.HashKeyFile;
import dev.hush.config.HushConfig;
import dev.hush.detect.Detector;
import dev.hush.detect.SipHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One {@link DocumentFingerprintDetector} over every fingerprint set in the data directory. */
public final class FingerprintPlugin implements DetectorPlugin {

    @Override
    public int order() {
        return 70;
    }

    @Override
    public List<Detector> create(HushConfig config) throws Exception {
        FingerprintSettings cfg = config.fingerprints;
        if (!cfg.enabled) {
            return List.of();
        }
        Detector d = create(Path.of(config.dataDir), cfg, () -> HashKeyFile.load(config));
        return d == null ? List.of() : List.of(d);
    }

    /** The detector, or null when no set is registered. */
    public static DocumentFingerprintDetector create(Path dataDir, FingerprintSettings cfg) throws IOException {
        return create(dataDir, cfg, () -> HashKeyFile.load(dataDir));
    }

    /** As above, with the hash key from {@code key} (the configured {@code hashKey} or the data dir's file). */
    public static DocumentFingerprintDetector create(Path dataDir, FingerprintSettings cfg, HashKeyFile.Source key)
            throws IOException {
        FingerprintStore store = new FingerprintStore(dataDir);
        List<FingerprintSetMeta> sets = store.list();
        sets.removeIf(m -> cfg.disabled.contains(m.name()));
        if (sets.isEmpty()) {
            return null;
        }
        byte[] keyBytes = key.load();
        String check = HashKeyFile.checkValue(keyBytes);
        List<String> rules = new ArrayList<>();
        List<long[]> hs = new ArrayList<>();
        List<int[]> ds = new ArrayList<>();
        int total = 0;
        for (FingerprintSetMeta m : sets) {
            if (!check.equals(m.keyCheck())) {
                throw new IOException("fingerprint set '" + m.name() + "' was made with another hash key; add its documents again");
            }
            FingerprintStore.Loaded l = store.load(m.name());
            int base = rules.size();
            for (FingerprintSetMeta.Document doc : m.documents()) {
                rules.add("fingerprint:" + m.name() + "/" + doc.name());
            }
            int[] d = l.docs().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] += base;
            }
            hs.add(l.hashes());
            ds.add(d);
            total += d.length;
        }
        long[] h = new long[total];
        int[] d = new int[total];
        int k = 0;
        for (int s = 0; s < hs.size(); s++) {
            System.arraycopy(hs.get(s), 0, h, k, hs.get(s).length);
            System.arraycopy(ds.get(s), 0, d, k, ds.get(s).length);
            k += hs.get(s).length;
        }
        return new DocumentFingerprintDetector(FingerprintTable.sorted(h, d, total), rules,
                new SipHash(HashKeyFile.derive(keyBytes, FingerprintStore.KEY_PURPOSE)), cfg.threshold, cfg.minShingles,
                cfg.minMatches);
    }

    @Override
    public Vocabulary vocabulary(HushConfig config, List<Detector> created) {
        return Vocabulary.of(Set.of("fingerprint"), Set.of(DocumentFingerprintDetector.TYPE));
    }
}
