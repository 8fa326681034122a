package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.FrameRestorer;
import dev.hush.adapter.GenericAdapter;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.adapter.Refusal;
import dev.hush.redact.ConversationPseudonyms;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.UUID;

/**
 * Microsoft Copilot (copilot.microsoft.com): chat runs over the WebSocket {@code /c/api/chat}; a client
 * frame {@code {"event":"send","content":[{"type":"text","text":...}]}} carries the message, and the server
 * answers with {@code appendText} frames (restored split-safe by {@link CopilotFrameRestorer}). A refused
 * message is answered in the app: a bot message saying why, then {@code done}. Attachments are posted to
 * {@code /c/api/attachments}.
 */
public final class CopilotAdapter extends WebAppAdapter {

    public CopilotAdapter() {
        super("copilot.microsoft.com");
    }

    @Override
    public String name() {
        return "copilot";
    }

    @Override
    ExtractedRequest read(InboundRequest request, String path) throws MalformedBody {
        if (request.method() == HttpMethod.POST && path.equals("/c/api/attachments")
                && !request.mediaType().startsWith("multipart/") && !request.mediaType().contains("json")) {
            return file(request, request.header("x-file-name"));
        }
        return null; // multipart and JSON attachments: the generic reading
    }

    @Override
    public ExtractedRequest extractFrame(String frame) {
        JsonNode tree;
        try {
            tree = JSON.readTree(frame);
        } catch (Exception e) {
            return GenericAdapter.readFrame(frame);
        }
        if (!(tree instanceof ObjectNode o) || !"send".equals(o.path("event").asText())) {
            return GenericAdapter.readFrame(frame);
        }
        Slots s = new Slots();
        JsonNode content = o.path("content");
        for (int i = 0; i < content.size(); i++) {
            s.field(content.get(i), "text", "content[" + i + "].text");
        }
        return s.done(o, null, name());
    }

    @Override
    public List<String> frameRefusal(Refusal r, String frame) {
        String conv = null;
        try {
            conv = text(JSON.readTree(frame), "conversationId");
        } catch (Exception e) {
            // not JSON: no conversation to name
        }
        String id = UUID.randomUUID().toString();
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode start = f.objectNode().put("event", "startMessage").put("messageId", id);
        if (conv != null) {
            start.put("conversationId", conv);
        }
        ObjectNode text = f.objectNode().put("event", "appendText").put("messageId", id).put("partId", "0")
                .put("text", "\u26d4 " + r.message());
        ObjectNode part = f.objectNode().put("event", "partCompleted").put("messageId", id).put("partId", "0");
        ObjectNode done = f.objectNode().put("event", "done").put("messageId", id);
        return List.of(start.toString(), text.toString(), part.toString(), done.toString());
    }

    @Override
    public FrameRestorer frameRestorer(ConversationPseudonyms pseudonyms) {
        return new CopilotFrameRestorer(pseudonyms);
    }
}
