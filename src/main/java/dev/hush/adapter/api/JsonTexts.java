package dev.hush.adapter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hush.adapter.EmbeddedFile;
import dev.hush.adapter.JsonSource;
import dev.hush.adapter.TextEdits;
import dev.hush.adapter.TextSlot;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a part of a request body and collects every string the model will read, skipping structural keys
 * (roles, ids, types) and recording binary parts (images, audio, files) as not scanned. Walking every string
 * rather than a fixed list of fields means a new content-part kind is scanned before anyone writes code for it.
 */
final class JsonTexts {
    /** Keys whose values are structure, not text the model reads. */
    static final Set<String> STRUCTURAL = Set.of("type", "role", "id", "tool_call_id", "call_id", "tool_use_id",
            "status", "mime_type", "mimeType", "media_type", "detail", "format", "signature", "cache_control",
            "file_id", "fileUri", "file_uri", "model", "object", "index", "encoding_format");
    /** Keys that hold binary content (or a reference to it): recorded as not scanned, with a kind. */
    static final Map<String, String> BINARY = Map.of("image_url", "image", "input_audio", "audio",
            "file", "file", "file_data", "file", "inlineData", "binary", "inline_data", "binary",
            "fileData", "file", "file_data_uri", "file", "image", "image", "audio", "audio");

    private JsonTexts() {
    }

    static void collect(JsonNode node, String path, List<TextSlot> slots, List<String> notScanned) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            // Anthropic image/document blocks carry base64 under "source"
            if (node.has("source") && node.get("source").isObject()
                    && "base64".equals(node.get("source").path("type").asText())) {
                JsonNode src = node.get("source");
                if (!embedded(src, "data", path + ".source.data", src.path("media_type").asText(null), null, slots)) {
                    notScanned.add(path + ": " + EmbeddedFile.kind(null, src.path("media_type").asText(null), null,
                            node.path("type").asText("binary")));
                }
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                JsonNode v = e.getValue();
                String p = path.isEmpty() ? k : path + "." + k;
                if (BINARY.containsKey(k) && v.isObject()) {
                    // Gemini inlineData {mimeType, data}; chat file {filename, file_data}
                    String field = v.has("data") ? "data" : "file_data";
                    String type = v.path("mimeType").asText(v.path("mime_type").asText(null));
                    String name = v.path("filename").asText(null);
                    if (!embedded(v, field, p + "." + field, type, name, slots)) {
                        notScanned.add(p + ": " + EmbeddedFile.kind(v.path(field).asText(null), type, name,
                                BINARY.get(k)));
                    }
                } else if (BINARY.containsKey(k) && !v.isTextual()) {
                    notScanned.add(p + ": " + BINARY.get(k));
                } else if (BINARY.containsKey(k) && (v.asText().startsWith("data:") || k.equals("file_data"))) {
                    // a data: URL, or Responses input_file base64 with its filename beside it
                    String name = node.path("filename").asText(null);
                    if (!embedded(node, k, p, null, name, slots)) {
                        notScanned.add(p + ": " + EmbeddedFile.kind(v.asText(), null, name, BINARY.get(k)));
                    }
                } else if (STRUCTURAL.contains(k)) {
                    continue;
                } else if (v.isTextual()) {
                    slots.add(slot(p, v.asText(), node, k, -1));
                } else if (v.isContainerNode()) {
                    collect(v, p, slots, notScanned);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                String p = path + "[" + i + "]";
                if (v.isTextual()) {
                    slots.add(slot(p, v.asText(), node, null, i));
                } else {
                    collect(v, p, slots, notScanned);
                }
            }
        }
    }

    /** A text file embedded in {@code holder.field} as a slot that writes it back encoded; false when not text. */
    private static boolean embedded(JsonNode holder, String field, String location, String mediaType,
            String fileName, List<TextSlot> slots) {
        JsonNode v = holder.get(field);
        if (v == null || !v.isTextual() || !(holder instanceof ObjectNode o)) {
            return false;
        }
        TextSlot s = EmbeddedFile.slot(location, v.asText(), mediaType, fileName,
                t -> o.set(field, TextNode.valueOf(t)));
        if (s == null) {
            return false;
        }
        slots.add(s);
        return true;
    }

    /** Collects the named top-level fields of a body (a string field is itself a slot). */
    static void collectFields(JsonNode body, List<TextSlot> slots, List<String> notScanned, String... fields) {
        collectFields(body, "", slots, notScanned, fields);
    }

    /** Collects the named fields of an object at {@code prefix} (e.g. {@code "text."}), even structural names. */
    static void collectFields(JsonNode obj, String prefix, List<TextSlot> slots, List<String> notScanned,
            String... fields) {
        if (obj == null || !obj.isObject()) {
            return;
        }
        for (String f : fields) {
            JsonNode v = obj.get(f);
            if (v == null) {
                continue;
            }
            if (v.isTextual()) {
                slots.add(slot(prefix + f, v.asText(), obj, f, -1));
            } else {
                collect(v, prefix + f, slots, notScanned);
            }
        }
    }

    /** Every string of the body: for endpoints no adapter knows. */
    static void collectAll(JsonNode body, List<TextSlot> slots, List<String> notScanned) {
        if (body.isTextual()) {
            return;
        }
        collect(body, "", slots, notScanned);
    }

    /**
     * A slot that writes back into its object field or array element; a write with its edits keeps the
     * string's original bytes between them ({@link JsonSource#edited}).
     */
    static TextSlot slot(String location, String text, JsonNode container, String field, int index) {
        return new TextSlot(location, text, new TextSlot.Writer() {
            @Override
            public void write(String s) {
                put(TextNode.valueOf(s));
            }

            @Override
            public void write(String s, TextEdits edits) {
                put(JsonSource.edited(s, field != null ? container.get(field) : container.get(index), edits));
            }

            private void put(TextNode n) {
                if (container instanceof ObjectNode o) {
                    o.set(field, n);
                } else if (container instanceof ArrayNode a) {
                    a.set(index, n);
                }
            }
        });
    }

    static String firstText(List<TextSlot> slots) {
        return slots.isEmpty() ? "" : slots.get(0).text();
    }
}
