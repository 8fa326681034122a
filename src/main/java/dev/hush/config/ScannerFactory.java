package dev.hush.config;

import dev.hush.detect.Detector;
import dev.hush.detect.Scanner;
import dev.hush.detect.StartupTrace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Assembles the scanner from every registered {@link DetectorPlugin}. */
public final class ScannerFactory {
    private ScannerFactory() {
    }

    /**
     * Builds the scanner; fails with a {@link ConfigLoader.ConfigException} naming every key that refers to
     * a finding type, provider, rule or detector that does not exist.
     */
    public static Scanner build(HushConfig config) throws Exception {
        return build(config, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Starts every plug-in's configuration-free slow work ({@link DetectorPlugin#preload}) before a command reads
     * its configuration; the next {@link #build} takes it or lets it go.
     */
    public static void preload() {
        plugins().forEach(DetectorPlugin::preload);
    }

    private static List<DetectorPlugin> plugins() {
        List<DetectorPlugin> plugins = new ArrayList<>();
        ServiceLoader.load(DetectorPlugin.class).forEach(plugins::add);
        plugins.sort(Comparator.comparingInt(DetectorPlugin::order)
                .thenComparing(p -> p.getClass().getName()));
        return plugins;
    }

    /** As {@link #build(HushConfig)}, the plug-ins built on at most {@code threads} threads. */
    static Scanner build(HushConfig config, int threads) throws Exception {
        List<DetectorPlugin> plugins = plugins();
        List<List<Detector>> built;
        try {
            built = createAll(plugins, config, threads);
        } finally {
            plugins.forEach(DetectorPlugin::dropPreloaded); // not taken: names off, or another model directory
        }
        StartupTrace t = StartupTrace.begin("vocabularies, config references");
        List<Detector> detectors = new ArrayList<>();
        Vocabulary known = Vocabulary.EMPTY;
        for (int i = 0; i < plugins.size(); i++) {
            DetectorPlugin p = plugins.get(i);
            List<Detector> created = built.get(i);
            known = known.plus(p.vocabulary(config, created));
            for (Detector d : created) {
                if (!config.detection.disabled.contains(d.id())) {
                    detectors.add(d);
                }
            }
        }
        List<String> errors = ConfigReferences.check(config, known);
        StartupTrace.end(t);
        if (!errors.isEmpty()) {
            throw new ConfigLoader.ConfigException("invalid configuration:\n  " + String.join("\n  ", errors));
        }
        return new Scanner(detectors, version(detectors, config));
    }

    /**
     * Every plug-in's detectors, in plug-in order, built on up to {@code maxThreads} threads: the rule catalogue
     * and the name model are each about a second of CPU and independent, so a start (every {@code hush scan})
     * waits for the longest, not the sum. The first failure, in plug-in order, is thrown as it was.
     */
    static List<List<Detector>> createAll(List<DetectorPlugin> plugins, HushConfig config, int maxThreads)
            throws Exception {
        int threads = Math.min(plugins.size(), maxThreads);
        if (threads <= 1) {
            List<List<Detector>> out = new ArrayList<>();
            for (DetectorPlugin p : plugins) {
                out.add(create(p, config));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hush-detectors");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Detector>>> futures = new ArrayList<>(java.util.Collections.nCopies(plugins.size(), null));
            for (boolean slow : new boolean[] {true, false}) { // the slow ones first; results in plug-in order
                for (int i = 0; i < plugins.size(); i++) {
                    DetectorPlugin p = plugins.get(i);
                    if (p.slowToCreate() == slow) {
                        futures.set(i, pool.submit(() -> create(p, config)));
                    }
                }
            }
            List<List<Detector>> out = new ArrayList<>();
            for (Future<List<Detector>> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Detector> create(DetectorPlugin p, HushConfig config) throws Exception {
        StartupTrace t = StartupTrace.begin("plug-in " + p.getClass().getSimpleName());
        List<Detector> d = p.create(config);
        StartupTrace.end(t);
        return d;
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
