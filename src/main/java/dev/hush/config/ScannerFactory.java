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
import java.util.concurrent.CompletableFuture;
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

    /** As {@link #build(HushConfig)}, the plug-ins built on at most {@code threads} threads. */
    static Scanner build(HushConfig config, int threads) throws Exception {
        List<DetectorPlugin> plugins = plugins();
        return assemble(plugins, createAll(plugins, config, threads), config);
    }

    /**
     * The scanner in two steps, for a batch that can start before the slowest plug-in is built: {@code early}
     * holds the detectors of every plug-in but the last in plug-in order (the person-name model, ~1 s of CPU),
     * ready as soon as they are; {@code whole} is {@link #build}'s scanner, configuration checked, once the last
     * one is built too (or its failure). Findings are only final from {@code whole}: see
     * {@link Scanner#scanPending}.
     */
    public record Staged(Scanner early, CompletableFuture<Scanner> whole) {
    }

    public static Staged buildStaged(HushConfig config) throws Exception {
        List<DetectorPlugin> plugins = plugins();
        int threads = Math.min(plugins.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            Scanner s = assemble(plugins, createAll(plugins, config, 1), config);
            return new Staged(s, CompletableFuture.completedFuture(s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hush-detectors");
            t.setDaemon(true);
            return t;
        });
        List<Future<List<Detector>>> futures = new ArrayList<>();
        for (DetectorPlugin p : plugins) {
            futures.add(pool.submit(() -> p.create(config)));
        }
        List<Detector> early = new ArrayList<>();
        try {
            for (int i = 0; i < plugins.size() - 1; i++) {
                early.addAll(enabled(result(futures.get(i)), config));
            }
        } catch (Exception | Error e) {
            pool.shutdownNow();
            throw e;
        }
        CompletableFuture<Scanner> whole = CompletableFuture.supplyAsync(() -> {
            try {
                List<List<Detector>> built = new ArrayList<>();
                for (Future<List<Detector>> f : futures) {
                    built.add(result(f));
                }
                return assemble(plugins, built, config);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            } finally {
                pool.shutdown();
            }
        }, pool);
        return new Staged(new Scanner(early, "early"), whole);
    }

    private static List<DetectorPlugin> plugins() {
        List<DetectorPlugin> plugins = new ArrayList<>();
        ServiceLoader.load(DetectorPlugin.class).forEach(plugins::add);
        plugins.sort(Comparator.comparingInt(DetectorPlugin::order)
                .thenComparing(p -> p.getClass().getName()));
        return plugins;
    }

    private static List<Detector> enabled(List<Detector> created, HushConfig config) {
        List<Detector> out = new ArrayList<>();
        for (Detector d : created) {
            if (!config.detection.disabled.contains(d.id())) {
                out.add(d);
            }
        }
        return out;
    }

    /** The scanner of the built plug-ins, once every key of the configuration names something that exists. */
    private static Scanner assemble(List<DetectorPlugin> plugins, List<List<Detector>> built, HushConfig config)
            throws Exception {
        List<Detector> detectors = new ArrayList<>();
        Vocabulary known = Vocabulary.EMPTY;
        for (int i = 0; i < plugins.size(); i++) {
            DetectorPlugin p = plugins.get(i);
            List<Detector> created = built.get(i);
            known = known.plus(p.vocabulary(config, created));
            detectors.addAll(enabled(created, config));
        }
        List<String> errors = ConfigReferences.check(config, known);
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
                out.add(p.create(config));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hush-detectors");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Detector>>> futures = new ArrayList<>();
            for (DetectorPlugin p : plugins) {
                futures.add(pool.submit(() -> p.create(config)));
            }
            List<List<Detector>> out = new ArrayList<>();
            for (Future<List<Detector>> f : futures) {
                out.add(result(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A plug-in's detectors, or its own failure as it was thrown. */
    private static List<Detector> result(Future<List<Detector>> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
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
