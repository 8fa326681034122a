package dev.hush.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/** Stub-upstream answers that echo the last user text, as JSON or as SSE with one event per character. */
final class Echo {
    static final ObjectMapper JSON = new ObjectMapper();

    private Echo() {
    }

    static String lastOpenAiText(String body) throws Exception {
        JsonNode msgs = JSON.readTree(body).get("messages");
        return msgs.get(msgs.size() - 1).get("content").asText();
    }

    static String lastAnthropicText(String body) throws Exception {
        JsonNode msgs = JSON.readTree(body).get("messages");
        JsonNode c = msgs.get(msgs.size() - 1).get("content");
        return c.isTextual() ? c.asText() : c.get(0).get("text").asText();
    }

    static void openAiJson(HttpServerRequest req, String text) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).putObject("message").put("role", "assistant").put("content", "You said: " + text);
        choice.put("finish_reason", "stop");
        req.response().putHeader("content-type", "application/json").end(root.toString());
    }

    static List<String> openAiEvents(String text) {
        List<String> ev = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            ObjectNode c = JsonNodeFactory.instance.objectNode();
            c.put("id", "chatcmpl-1").put("object", "chat.completion.chunk");
            ObjectNode ch = c.putArray("choices").addObject();
            ch.put("index", 0).putObject("delta").put("content", text.substring(i, i + 1));
            ch.putNull("finish_reason");
            ev.add("data: " + c + "\n\n");
        }
        ev.add("data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        ev.add("data: [DONE]\n\n");
        return ev;
    }

    static List<String> anthropicEvents(String text) {
        List<String> ev = new ArrayList<>();
        ev.add("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"role\":\"assistant\",\"content\":[]}}\n\n");
        ev.add("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (int i = 0; i < text.length(); i++) {
            ObjectNode c = JsonNodeFactory.instance.objectNode();
            c.put("type", "content_block_delta").put("index", 0);
            c.putObject("delta").put("type", "text_delta").put("text", text.substring(i, i + 1));
            ev.add("event: content_block_delta\ndata: " + c + "\n\n");
        }
        ev.add("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        ev.add("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return ev;
    }

    static void sse(HttpServerRequest req, List<String> events) {
        req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        for (String e : events) {
            req.response().write(e);
        }
        req.response().end();
    }

    /** Concatenates the answer text of an OpenAI chat SSE stream. */
    static String openAiStreamText(String sse) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode n = JSON.readTree(line.substring(6));
                JsonNode c = n.path("choices").path(0).path("delta").path("content");
                if (c.isTextual()) {
                    b.append(c.asText());
                }
            }
        }
        return b.toString();
    }

    static String anthropicStreamText(String sse) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode n = JSON.readTree(line.substring(6));
                if ("content_block_delta".equals(n.path("type").asText())) {
                    b.append(n.path("delta").path("text").asText());
                }
            }
        }
        return b.toString();
    }
}
