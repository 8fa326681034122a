package dev.hush.adapter;

/** A body that does not parse as the format its destination expects; the message is safe to show (no content). */
public final class MalformedBody extends Exception {
    public MalformedBody(String message) {
        super(message, null, false, false);
    }
}
