package dev.hush.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fingerprints} section: confidential documents registered with {@code hush fingerprint add}
 * in {@code <dataDir>/fingerprints/}. A prompt is reported as {@code CONFIDENTIAL.DOCUMENT} when at least
 * {@code threshold} of its fingerprints (and at least {@code minMatches}) come from one document, or when
 * at least {@code minShingles} of them do whatever the share (a long paste inside a longer prompt).
 */
public final class FingerprintSettings {
    public boolean enabled = true;
    /** Share of the prompt's fingerprints that must come from one document. */
    public double threshold = 0.30;
    /** Matching fingerprints that are enough on their own. */
    public int minShingles = 40;
    /** Matching fingerprints the share rule needs at least, so one shared stock phrase in a short prompt is not a leak. */
    public int minMatches = 3;
    /** Fingerprint set names to ignore. */
    public List<String> disabled = new ArrayList<>();

    void validate(String path, List<String> errors) {
        if (!(threshold > 0 && threshold <= 1)) {
            errors.add(path + ".threshold: must be a share in (0, 1], e.g. 0.3");
        }
        if (minShingles < 1) {
            errors.add(path + ".minShingles: must be at least 1");
        }
        if (minMatches < 1) {
            errors.add(path + ".minMatches: must be at least 1");
        }
        if (disabled == null) {
            errors.add(path + ".disabled: must not be null");
        }
    }
}
