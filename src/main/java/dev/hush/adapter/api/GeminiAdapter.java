package dev.hush.adapter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.StreamText;
import dev.hush.adapter.TextSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Gemini generateContent and friends: {@code contents[].parts[]}, {@code systemInstruction}, function calls and responses. */
public final class GeminiAdapter extends ApiAdapter {
    private static final Pattern MODEL = Pattern.compile("/models/([^/:?]+)");

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public String defaultUpstream() {
        return "https://generativelanguage.googleapis.com";
    }

    @Override
    public String keyQueryParam() {
        return "key"; // Gemini REST also takes the key as ?key=
    }

    @Override
    public ExtractedRequest extractJson(ObjectNode body, String path) {
        List<TextSlot> slots = new ArrayList<>();
        List<String> notScanned = new ArrayList<>();
        String p = stripQuery(path);
        if (p.endsWith(":generateContent") || p.endsWith(":streamGenerateContent") || p.endsWith(":countTokens")) {
            JsonTexts.collectFields(body, slots, notScanned, "systemInstruction", "system_instruction", "contents",
                    "tools", "generationConfig", "generation_config");
        } else if (p.endsWith(":embedContent")) {
            JsonTexts.collectFields(body, slots, notScanned, "content");
        } else {
            JsonTexts.collectAll(body, slots, notScanned);
        }
        Matcher m = MODEL.matcher(p);
        String seed = slots.stream().filter(s -> s.location().startsWith("contents")).map(TextSlot::text)
                .findFirst().orElse(JsonTexts.firstText(slots));
        return new ExtractedRequest(slots, notScanned, m.find() ? m.group(1) : null, seed, encoder(body));
    }

    @Override
    protected List<String> headerPrefixes() {
        return List.of("x-goog-");
    }

    @Override
    public String keyHeader() {
        return "x-goog-api-key";
    }

    @Override
    public JsonNode error(int status, String code, String message, String param) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode e = root.putObject("error");
        e.put("code", status);
        e.put("message", message);
        e.put("status", switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 413 -> "INVALID_ARGUMENT";
            case 415 -> "INVALID_ARGUMENT";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "UNAVAILABLE" : "FAILED_PRECONDITION";
        });
        return root;
    }

    @Override
    public List<StreamText> streamTexts(JsonNode event) {
        JsonNode cands = event.get("candidates");
        if (cands == null || !cands.isArray()) {
            return List.of();
        }
        List<StreamText> out = new ArrayList<>(1);
        for (int i = 0; i < cands.size(); i++) {
            JsonNode c = cands.get(i);
            boolean last = c.hasNonNull("finishReason");
            JsonNode parts = c.path("content").path("parts");
            for (int j = 0; j < parts.size(); j++) {
                if (parts.get(j).path("text").isTextual()) {
                    int ci = c.path("index").asInt(i);
                    out.add(new StreamText("c" + ci + ".p" + j, "/candidates/" + i + "/content/parts/" + j, "text",
                            false, last));
                }
            }
        }
        return out;
    }
}
