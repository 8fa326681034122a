package dev.hush.provider;

import java.util.List;

/**
 * What an adapter read from a request body.
 *
 * @param slots      every text the model will see, in body order
 * @param notScanned parts that could not be scanned, e.g. {@code messages[1].content[1]: image}
 * @param model      the model named in the body or path, or null
 * @param seed       text that identifies the conversation when the client does not name it (its first message)
 */
public record ExtractedRequest(List<TextSlot> slots, List<String> notScanned, String model, String seed) {
}
