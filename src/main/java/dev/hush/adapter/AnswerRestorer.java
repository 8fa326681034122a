package dev.hush.adapter;

/**
 * Restores pseudonyms in one answer body as it streams. Not thread-safe: one per response.
 */
public interface AnswerRestorer {

    /** Takes the next chunk of upstream bytes; returns the bytes that can go to the client now. */
    byte[] feed(byte[] chunk);

    /** The upstream ended: whatever is still held back. */
    byte[] finish();

    /**
     * Whether the restorer needs the whole answer before it can give any of it (JSON): the relay then
     * bounds the answer by {@code gateway.maxResponseBytes} and sends it with a Content-Length.
     */
    default boolean whole() {
        return false;
    }
}
