package dev.hush.adapter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.StreamText;
import dev.hush.adapter.TextSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI: Chat Completions, Responses, legacy completions, embeddings, moderations read field by field
 * (messages and input first, then tools, schemas, prediction, metadata, user); every other string of any
 * body follows ({@link ApiAdapter#extract}).
 */
public class OpenAiAdapter extends ApiAdapter {

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String defaultUpstream() {
        return "https://api.openai.com";
    }

    /** {@code /openai/...}, and bare {@code /v1/...} kept whole, so an SDK's base URL is all a client changes. */
    @Override
    public String gatewayPath(String uri) {
        String p = super.gatewayPath(uri);
        return p == null && (uri.startsWith("/v1/") || uri.equals("/v1")) ? uri : p;
    }

    @Override
    public ExtractedRequest extractJson(ObjectNode body, String path) {
        List<TextSlot> slots = new ArrayList<>();
        List<String> notScanned = new ArrayList<>();
        String p = stripQuery(path);
        if (p.endsWith("/chat/completions")) {
            JsonTexts.collectFields(body, slots, notScanned, "messages", "tools", "functions", "response_format",
                    "prediction", "metadata", "user");
        } else if (p.endsWith("/responses")) {
            JsonTexts.collectFields(body, slots, notScanned, "instructions", "input", "tools", "prompt", "metadata",
                    "user");
            JsonTexts.collectFields(body.path("text"), "text.", slots, notScanned, "format");
        } else if (p.endsWith("/completions")) {
            JsonTexts.collectFields(body, slots, notScanned, "prompt", "suffix");
        } else if (p.endsWith("/embeddings") || p.endsWith("/moderations")) {
            JsonTexts.collectFields(body, slots, notScanned, "input");
        } else {
            JsonTexts.collectAll(body, slots, notScanned);
        }
        return new ExtractedRequest(slots, notScanned, model(body, path), seed(body, slots), encoder(body));
    }

    /** The first user message: a system prompt is shared by every conversation of an app, so it cannot name one. */
    private static String seed(ObjectNode body, List<TextSlot> slots) {
        JsonNode msgs = body.get("messages");
        if (msgs != null && msgs.isArray()) {
            for (int i = 0; i < msgs.size(); i++) {
                if ("user".equals(msgs.get(i).path("role").asText())) {
                    String prefix = "messages[" + i + "]";
                    for (TextSlot s : slots) {
                        if (s.location().startsWith(prefix + ".")) {
                            return s.text();
                        }
                    }
                }
            }
        }
        return JsonTexts.firstText(slots);
    }

    protected String model(ObjectNode body, String path) {
        JsonNode m = body.get("model");
        return m != null && m.isTextual() ? m.asText() : null;
    }


    @Override
    protected List<String> headerPrefixes() {
        return List.of("openai-");
    }

    @Override
    public String keyHeader() {
        return "authorization";
    }

    @Override
    public String keyHeaderValue(String key) {
        return "Bearer " + key;
    }

    @Override
    public String keyFromHeader(String value) {
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value;
    }

    @Override
    public JsonNode error(int status, String code, String message, String param) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", message);
        e.put("type", status >= 500 ? "api_error" : "invalid_request_error");
        if (param == null) {
            e.putNull("param");
        } else {
            e.put("param", param);
        }
        e.put("code", code);
        return root;
    }

    @Override
    public List<StreamText> streamTexts(JsonNode event) {
        List<StreamText> out = new ArrayList<>(2);
        JsonNode choices = event.get("choices");
        if (choices != null && choices.isArray()) { // Chat Completions chunk
            for (int i = 0; i < choices.size(); i++) {
                JsonNode c = choices.get(i);
                int ci = c.path("index").asInt(i);
                boolean last = c.hasNonNull("finish_reason");
                if (c.path("text").isTextual()) { // legacy completions stream
                    out.add(new StreamText("c" + ci + ".text", "/choices/" + i, "text", false, last));
                }
                JsonNode d = c.get("delta");
                if (d == null) {
                    continue;
                }
                String ptr = "/choices/" + i + "/delta";
                for (String f : new String[] {"content", "refusal", "reasoning_content"}) {
                    if (d.path(f).isTextual()) {
                        out.add(new StreamText("c" + ci + "." + f, ptr, f, false, last));
                    }
                }
                JsonNode calls = d.get("tool_calls");
                if (calls != null && calls.isArray()) {
                    for (int j = 0; j < calls.size(); j++) {
                        JsonNode fn = calls.get(j).get("function");
                        if (fn != null && fn.path("arguments").isTextual()) {
                            int ti = calls.get(j).path("index").asInt(j);
                            out.add(new StreamText("c" + ci + ".t" + ti, ptr + "/tool_calls/" + j + "/function",
                                    "arguments", true, last));
                        }
                    }
                }
            }
            return out;
        }
        String type = event.path("type").asText("");
        if (type.startsWith("response.") && type.endsWith(".delta") && event.path("delta").isTextual()) {
            String key = type.substring(0, type.length() - 6) + ":" + event.path("item_id").asText()
                    + ":" + event.path("output_index").asText() + ":" + event.path("content_index").asText();
            out.add(new StreamText(key, "", "delta", type.contains("arguments"), false));
        }
        return out;
    }
}
