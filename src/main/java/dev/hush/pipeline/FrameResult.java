package dev.hush.pipeline;

import dev.hush.redact.ConversationPseudonyms;
import java.util.List;

/**
 * What becomes of one WebSocket text frame a client sent to an intercepted app.
 *
 * @param forward     the frame to send upstream (rewritten or as it came), or null when refused
 * @param pseudonyms  the conversation's placeholders to restore in the server's frames, or null
 * @param reply       frames to send the client instead (the app's in-app refusal); empty with {@code close}
 * @param close       the close reason when the socket must be closed instead (policy violation), or null
 */
public record FrameResult(String forward, ConversationPseudonyms pseudonyms, List<String> reply, String close) {

    public FrameResult {
        reply = List.copyOf(reply);
    }

    public boolean refused() {
        return forward == null;
    }
}
