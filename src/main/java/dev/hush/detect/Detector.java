package dev.hush.detect;

/**
 * A plug-in that finds one kind of sensitive value. Implementations are immutable and thread-safe:
 * one instance serves every event-loop thread. They read {@link ScanText#normalized()} (or
 * {@link ScanText#lower()}) and report offsets into that normalised view; the {@link Scanner} maps
 * them back to the original text and resolves overlaps.
 *
 * <p>A detector is linear in its input and {@linkplain ScanText#charge charges} the characters it examines
 * as it goes (at least every few thousand): that is where the scan budget and a gone client stop a scan
 * ({@link ScanStoppedException}). The same detector may be called again on other views of the text (the
 * joined view, decoded base64/hex runs), each a {@link ScanText} of its own.
 */
public interface Detector {

    /** Stable id, used in config and audit records (e.g. {@code rules}, {@code pii.email}). */
    String id();

    void detect(ScanText text, FindingSink sink);
}
