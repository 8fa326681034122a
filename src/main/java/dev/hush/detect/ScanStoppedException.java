package dev.hush.detect;

/** A scan stopped before its end (budget exceeded or request gone). Carries no text. */
public final class ScanStoppedException extends RuntimeException {
    public ScanStoppedException(String message) {
        super(message, null, false, false);
    }
}
