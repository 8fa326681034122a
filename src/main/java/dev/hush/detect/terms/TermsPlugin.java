package dev.hush.detect.terms;

import dev.hush.config.DetectorPlugin;
import java.util.LinkedHashSet;
import java.util.Set;
import dev.hush.config.Vocabulary;
import dev.hush.config.HushConfig;
import dev.hush.detect.Detector;
import java.util.ArrayList;
import java.util.List;

/** Classification markers and the company's own term dictionaries. */
public final class TermsPlugin implements DetectorPlugin {

    @Override
    public int order() {
        return 300;
    }

    @Override
    public List<Detector> create(HushConfig config) {
        List<Detector> out = new ArrayList<>(2);
        List<String> markers = config.detection.markers;
        if (markers == null || !markers.isEmpty()) {
            out.add(new MarkerDetector(markers));
        }
        if (config.detection.dictionaries != null && !config.detection.dictionaries.isEmpty()) {
            out.add(new TermDetector(config.detection.dictionaries));
        }
        return out;
    }

    @Override
    public Vocabulary vocabulary(HushConfig config, List<Detector> created) {
        Set<String> types = new LinkedHashSet<>();
        types.add(MarkerDetector.TYPE);
        if (config.detection.dictionaries != null) {
            config.detection.dictionaries.keySet().forEach(name -> types.add("CUSTOM." + name));
        }
        return Vocabulary.of(Set.of("markers", "terms"), types);
    }
}
