package dev.hush.detect;

/**
 * A plug-in that finds one kind of sensitive value. Implementations are immutable and thread-safe:
 * one instance serves every event-loop thread. They read {@link ScanText#normalized()} (or
 * {@link ScanText#lower()}) and report offsets into that normalised view; the {@link Scanner} maps
 * them back to the original text and resolves overlaps.
 */
public interface Detector {

    /** Stable id, used in config and audit records (e.g. {@code rules}, {@code pii.email}). */
    String id();

    void detect(ScanText text, FindingSink sink);
}
