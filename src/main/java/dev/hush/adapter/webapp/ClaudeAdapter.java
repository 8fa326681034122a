package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.Answer;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.adapter.Refusal;
import dev.hush.adapter.StreamText;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Claude (claude.ai): {@code /completion} and {@code /retry_completion} of a chat conversation
 * ({@code prompt}, and the text the app extracted from pasted or attached files,
 * {@code attachments[].extracted_content}). Uploads ({@code …/upload}, {@code …/upload-file},
 * {@code /api/convert_document}) are multipart and read by the generic reading, documents through their text.
 * Refusals of a message come back as an assistant message in Claude's event stream.
 */
public final class ClaudeAdapter extends WebAppAdapter {
    private static final Pattern COMPLETION =
            Pattern.compile("/api/organizations/[^/]+/chat_conversations/[^/]+/(completion|retry_completion)");

    public ClaudeAdapter() {
        super("claude.ai");
    }

    @Override
    public String name() {
        return "claude";
    }

    @Override
    ExtractedRequest read(InboundRequest request, String path) throws MalformedBody {
        if (request.method() != HttpMethod.POST || !COMPLETION.matcher(path).matches()) {
            return null;
        }
        ObjectNode body = object(request);
        Slots s = new Slots().field(body, "prompt", "prompt");
        JsonNode att = body.path("attachments");
        for (int i = 0; i < att.size(); i++) {
            s.field(att.get(i), "file_name", "attachments[" + i + "].file_name");
            s.field(att.get(i), "extracted_content", "attachments[" + i + "].extracted_content");
        }
        return s.done(body, text(body, "model"), name());
    }

    @Override
    boolean chat(InboundRequest request) {
        return request.method() == HttpMethod.POST && COMPLETION.matcher(pathOnly(request.uri())).matches();
    }

    /** A whole assistant message as Claude streams one (message_start … message_stop). */
    @Override
    Answer inApp(Refusal r, InboundRequest request) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode start = f.objectNode().put("type", "message_start");
        ObjectNode m = start.putObject("message");
        m.put("id", "chatcompl_" + UUID.randomUUID().toString().replace("-", ""));
        m.put("type", "message").put("role", "assistant").put("model", "");
        m.putArray("content");
        m.putNull("stop_reason").putNull("stop_sequence");
        ObjectNode blockStart = f.objectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        ObjectNode delta = f.objectNode().put("type", "content_block_delta").put("index", 0);
        delta.putObject("delta").put("type", "text_delta").put("text", "\u26d4 " + r.message());
        ObjectNode blockStop = f.objectNode().put("type", "content_block_stop").put("index", 0);
        ObjectNode msgDelta = f.objectNode().put("type", "message_delta");
        msgDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        ObjectNode stop = f.objectNode().put("type", "message_stop");
        StringBuilder b = new StringBuilder();
        for (ObjectNode e : List.of(start, blockStart, delta, blockStop, msgDelta, stop)) {
            b.append("event: ").append(e.get("type").asText()).append("\ndata: ").append(e).append("\n\n");
        }
        return new Answer(200, "text/event-stream; charset=utf-8", b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Text deltas of the messages stream, and the older {@code completion} events. */
    @Override
    public List<StreamText> streamTexts(JsonNode event) {
        String type = event.path("type").asText();
        if (type.equals("completion") && event.path("completion").isTextual()) {
            return List.of(new StreamText("completion", "", "completion", false, false));
        }
        if (type.equals("content_block_delta") && event.path("delta").path("text").isTextual()) {
            return List.of(new StreamText("b" + event.path("index").asInt(), "/delta", "text", false, false));
        }
        return List.of();
    }
}
