package dev.hush.adapter;

/**
 * One text the model will see, where it sits in the request ({@code messages[2].content[0].text},
 * {@code form:f.req<json>[0]}) and the handle that writes a rewritten text back in place. Only the
 * rewrite stage writes, and only before the body is encoded.
 */
public final class TextSlot {
    private final String location;
    private final String text;
    private final Writer writer;

    public TextSlot(String location, String text, Writer writer) {
        this.location = location;
        this.text = text;
        this.writer = writer;
    }

    public String location() {
        return location;
    }

    public String text() {
        return text;
    }

    /** Replaces the text in the body it came from. */
    public void replace(String newText) {
        writer.write(newText);
    }

    /** As {@link #replace(String)}, saying which spans of the slot's text changed ({@code newText} is them applied). */
    public void replace(String newText, TextEdits edits) {
        writer.write(newText, edits);
    }

    /** The message part of the location ({@code messages[2]}), for telling the user which message. */
    public String message() {
        int dot = location.indexOf('.');
        int br = location.indexOf(']');
        return br > 0 && (dot < 0 || br < dot) ? location.substring(0, br + 1) : (dot > 0 ? location.substring(0, dot) : location);
    }

    /** Writes a new text where the slot's text came from. */
    @FunctionalInterface
    public interface Writer {
        void write(String newText);

        /** A writer whose body can splice only the changed spans overrides this; others write the whole text. */
        default void write(String newText, TextEdits edits) {
            write(newText);
        }
    }
}
