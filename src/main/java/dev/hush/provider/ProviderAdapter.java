package dev.hush.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Everything Hush knows about one provider API: which texts of a request the model sees, which header
 * carries the caller's key, how errors look, and where answer text sits in its stream events. Adding a
 * provider means one class implementing this and one line in {@link ProviderAdapters}.
 */
public interface ProviderAdapter {

    /** openai, azure, anthropic, gemini. */
    String name();

    /** The default upstream base URL. */
    String defaultUpstream();

    /** Reads the texts of a request body sent to {@code path} (the provider's own path, prefix removed). */
    ExtractedRequest extract(ObjectNode body, String path);

    /** The header that carries the provider key (lower case), for virtual keys and caller fingerprints. */
    String keyHeader();

    /** The header value for a provider key (e.g. {@code Bearer sk-...}). */
    default String keyHeaderValue(String key) {
        return key;
    }

    /** The key carried by a header value (strips {@code Bearer }). */
    default String keyFromHeader(String value) {
        return value;
    }

    /** An error body in this provider's format, so its SDK raises a readable error. */
    JsonNode error(int status, String code, String message, String param);

    /** The pieces of answer text in one SSE event (data parsed as JSON). */
    List<StreamText> streamTexts(JsonNode event);
}
