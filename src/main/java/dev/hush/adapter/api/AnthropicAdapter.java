package dev.hush.adapter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.StreamText;
import dev.hush.adapter.TextSlot;
import java.util.ArrayList;
import java.util.List;

/** Anthropic Messages ({@code system} string or blocks, text, tool_use input, tool_result content). */
public final class AnthropicAdapter extends ApiAdapter {

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public String defaultUpstream() {
        return "https://api.anthropic.com";
    }

    @Override
    public ExtractedRequest extractJson(ObjectNode body, String path) {
        List<TextSlot> slots = new ArrayList<>();
        List<String> notScanned = new ArrayList<>();
        String p = stripQuery(path);
        if (p.endsWith("/messages") || p.endsWith("/messages/count_tokens")) {
            JsonTexts.collectFields(body, slots, notScanned, "system", "messages", "tools", "metadata");
        } else if (p.endsWith("/complete")) {
            JsonTexts.collectFields(body, slots, notScanned, "prompt");
        } else {
            JsonTexts.collectAll(body, slots, notScanned);
        }
        JsonNode m = body.get("model");
        // the system prompt is shared by many conversations: seed with the first message instead
        String seed = slots.stream().filter(s -> s.location().startsWith("messages")).map(TextSlot::text)
                .findFirst().orElse(JsonTexts.firstText(slots));
        return new ExtractedRequest(slots, notScanned, m != null && m.isTextual() ? m.asText() : null, seed,
                encoder(body));
    }

    @Override
    protected List<String> headerPrefixes() {
        return List.of("anthropic-");
    }

    @Override
    public String keyHeader() {
        return "x-api-key";
    }

    @Override
    public JsonNode error(int status, String code, String message, String param) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "error");
        ObjectNode e = root.putObject("error");
        e.put("type", switch (status) {
            case 413 -> "request_too_large";
            case 502, 503 -> "api_error";
            case 504 -> "timeout_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        });
        e.put("message", message);
        return root;
    }

    @Override
    public List<StreamText> streamTexts(JsonNode event) {
        if (!"content_block_delta".equals(event.path("type").asText())) {
            return List.of();
        }
        JsonNode d = event.get("delta");
        if (d == null) {
            return List.of();
        }
        int idx = event.path("index").asInt();
        for (String f : new String[] {"text", "partial_json", "thinking"}) {
            if (d.path(f).isTextual()) {
                return List.of(new StreamText("b" + idx + "." + f, "/delta", f, f.equals("partial_json"), false));
            }
        }
        return List.of();
    }
}
