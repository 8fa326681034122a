package dev.hush.adapter;

import java.util.List;

/**
 * What an adapter read from a request body.
 *
 * @param slots      every text the model will see, in body order, each with its write-back handle
 * @param notScanned parts that could not be scanned, e.g. {@code messages[1].content[1]: image}
 * @param model      the model named in the body or path, or null
 * @param seed       text that identifies the conversation when the client does not name it (its first message)
 * @param encoder    renders the body again after slots were written, in its own format
 */
public record ExtractedRequest(List<TextSlot> slots, List<String> notScanned, String model, String seed,
        BodyEncoder encoder) {

    public ExtractedRequest {
        slots = List.copyOf(slots);
        notScanned = List.copyOf(notScanned);
    }

    /** Nothing to scan (an empty body). */
    public static ExtractedRequest empty() {
        return new ExtractedRequest(List.of(), List.of(), null, "", () -> new byte[0]);
    }

    /** Serialises a parsed body after its slots were written; called at most once, only if a slot was written. */
    @FunctionalInterface
    public interface BodyEncoder {
        byte[] encode();
    }
}
