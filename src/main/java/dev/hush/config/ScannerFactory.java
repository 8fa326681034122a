package dev.hush.config;

import dev.hush.detect.Detector;
import dev.hush.detect.Scanner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;

/** Assembles the scanner from every registered {@link DetectorPlugin}. */
public final class ScannerFactory {
    private ScannerFactory() {
    }

    /**
     * Builds the scanner; fails with a {@link ConfigLoader.ConfigException} naming every key that refers to
     * a finding type, provider, rule or detector that does not exist.
     */
    public static Scanner build(HushConfig config) throws Exception {
        List<DetectorPlugin> plugins = new ArrayList<>();
        ServiceLoader.load(DetectorPlugin.class).forEach(plugins::add);
        plugins.sort(Comparator.comparingInt(DetectorPlugin::order)
                .thenComparing(p -> p.getClass().getName()));
        List<Detector> detectors = new ArrayList<>();
        Vocabulary known = Vocabulary.EMPTY;
        for (DetectorPlugin p : plugins) {
            List<Detector> created = p.create(config);
            known = known.plus(p.vocabulary(config, created));
            for (Detector d : created) {
                if (!config.detection.disabled.contains(d.id())) {
                    detectors.add(d);
                }
            }
        }
        List<String> errors = ConfigReferences.check(config, known);
        if (!errors.isEmpty()) {
            throw new ConfigLoader.ConfigException("invalid configuration:\n  " + String.join("\n  ", errors));
        }
        return new Scanner(detectors, version(detectors, config));
    }

    /** A digest of the detector ids and the configuration that shapes them. */
    private static String version(List<Detector> detectors, HushConfig config) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Detector d : detectors) {
            md.update(d.id().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        md.update(ConfigDigest.of(config));
        return HexFormat.of().formatHex(md.digest(), 0, 8);
    }
}
