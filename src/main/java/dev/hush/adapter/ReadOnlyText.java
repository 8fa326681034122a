package dev.hush.adapter;

/**
 * A rewrite of a text that cannot be written back: an office document's or PDF's text, read for scanning. The
 * request is refused (never forwarded with the original in place); the message names where, not what.
 */
public final class ReadOnlyText extends IllegalStateException {
    private final String location;

    ReadOnlyText(String location) {
        super("a document's text cannot be rewritten in place", null);
        this.location = location;
    }

    /** The document's location in the request ({@code part:file}, {@code messages[0].content[1].file_data}). */
    public String location() {
        return location;
    }
}
