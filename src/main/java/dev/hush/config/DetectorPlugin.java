package dev.hush.config;

import dev.hush.detect.Detector;
import java.util.List;

/**
 * Contributes detectors to the scanner. One plug-in per detector family, registered in
 * {@code META-INF/services/dev.hush.config.DetectorPlugin}: adding a detector family touches its own
 * package and that one line.
 */
public interface DetectorPlugin {

    /** Orders plug-ins so the rule set version is stable; lower runs first. */
    default int order() {
        return 100;
    }

    /**
     * Creating takes on the order of a second of CPU (a model, a catalogue): such plug-ins are started first
     * when plug-ins are built on several threads, so that a start waits for the longest, not the longest plus
     * the small ones queued before it.
     */
    default boolean slowToCreate() {
        return false;
    }

    /**
     * Starts, on a background thread of the plug-in's own, slow work that needs no configuration (reading a
     * built-in model), before the configuration is read: {@code hush scan} and {@code serve} call it first thing,
     * so the read overlaps the command line and the YAML. It must return at once; {@link #create} takes the
     * result where its configuration asks for it, {@link #dropPreloaded} lets go of it otherwise. Default: nothing.
     */
    default void preload() {
    }

    /** Lets go of what {@link #preload} made and {@link #create} did not take (called after every build). */
    default void dropPreloaded() {
    }

    /**
     * Builds this family's detectors from the configuration (an empty list when switched off).
     * Runs once at start or reload, off the event loop: loading models and indexes is fine here.
     */
    List<Detector> create(HushConfig config) throws Exception;

    /**
     * The ids and types this family can produce, switched on or not, used to reject configuration typos.
     * {@code created} is what {@link #create} returned for the same configuration. The default knows only
     * the created detectors' ids: a family that reports finding types must list them.
     */
    default Vocabulary vocabulary(HushConfig config, List<Detector> created) throws Exception {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        created.forEach(d -> ids.add(d.id()));
        return Vocabulary.of(ids, java.util.Set.of());
    }
}
