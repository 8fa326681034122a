package dev.hush.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.redact.ConversationPseudonyms;
import java.util.List;
import java.util.Locale;

/**
 * Everything Hush knows about one AI API or web app: which requests it owns (by gateway path or by
 * intercepted host), which texts of a request the model sees and how to write them back, how a refusal
 * looks to its client, and where answer text sits in its streams. The pipeline knows nothing else about
 * the destination. Adding one means one class implementing this and one line in
 * {@code META-INF/services/dev.hush.adapter.Adapter}.
 */
public interface Adapter {

    /** Short stable name used in audit records, metrics and {@code --upstream NAME=URL}: openai, chatgpt, ... */
    String name();

    /**
     * Gateway front door: the destination's own path and query for a gateway request URI (prefix removed),
     * or null when this adapter does not own that URI.
     */
    default String gatewayPath(String uri) {
        return null;
    }

    /** Intercepted front door: whether this adapter knows requests to {@code host} (lower case) and {@code path}. */
    default boolean intercepts(String host, String path) {
        return false;
    }

    /** The gateway's upstream base URL when none is configured, or null when it must be configured. */
    default String defaultUpstream() {
        return null;
    }

    /** The header that carries the caller's API key (lower case), or null when the destination has none. */
    default String keyHeader() {
        return null;
    }

    /** A query parameter that may carry the key instead (Gemini's {@code ?key=}), or null. */
    default String keyQueryParam() {
        return null;
    }

    /**
     * Whether a client header (lower-case name, hop-by-hop and {@code X-Hush-*} already gone) goes upstream.
     * Web apps need the browser's cookies; APIs forward an allowlist ({@code ApiAdapter}).
     */
    default boolean forwardsHeader(String name) {
        return true;
    }

    /** Whether this destination answers WebSocket upgrades through Hush (frames scanned by {@link #extractFrame}). */
    default boolean takesWebSocket() {
        return true;
    }

    /** The header value for a key (e.g. {@code Bearer sk-...}). */
    default String keyHeaderValue(String key) {
        return key;
    }

    /** The key carried by a header value (strips {@code Bearer }). */
    default String keyFromHeader(String value) {
        return value;
    }

    /**
     * Reads the texts of a request. {@code path} is the destination's own path and query. Bodies this
     * adapter does not know are handed to {@link GenericAdapter#extractAll}, so nothing goes unscanned.
     *
     * @throws MalformedBody when the body claims a format it does not have and the destination would reject it
     */
    ExtractedRequest extract(InboundRequest request, String path) throws MalformedBody;

    /** The answer a client of this destination understands for a refusal (error JSON, in-app message, ...). */
    Answer refusal(Refusal refusal, InboundRequest request);

    /** The pieces of answer text in one streamed JSON event (SSE data), for split-safe restoring. */
    default List<StreamText> streamTexts(JsonNode event) {
        return List.of();
    }

    /**
     * Restores pseudonyms in an answer of this content type (lower case), or null to pass it unchanged.
     * The default handles server-sent events (through {@link #streamTexts}) and JSON.
     */
    default AnswerRestorer restorer(String contentType, ConversationPseudonyms pseudonyms) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("text/event-stream")) {
            return new SseRestorer(this::streamTexts, pseudonyms);
        }
        if (ct.contains("json")) {
            return new JsonRestorer(pseudonyms);
        }
        return null;
    }

    /**
     * Reads the texts of one WebSocket text frame the client sends (hook for WebSocket apps such as
     * Copilot); the encoder gives the frame's UTF-8 bytes after rewriting. Default: every string of it.
     */
    default ExtractedRequest extractFrame(String frame) {
        return GenericAdapter.readFrame(frame);
    }

    /**
     * The frames a WebSocket client is sent when Hush refuses one of its frames (an in-app message), or an
     * empty list to close the socket with the refusal's message (the default).
     */
    default List<String> frameRefusal(Refusal refusal, String frame) {
        return List.of();
    }

    /** Restores pseudonyms in the server's WebSocket text frames (hook for WebSocket apps). */
    default FrameRestorer frameRestorer(ConversationPseudonyms pseudonyms) {
        return new JsonFrameRestorer(pseudonyms);
    }
}
