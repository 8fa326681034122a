package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

class DeepSeekAdapterTest extends ChatAppContract {
    @Override
    String[] hosts() {
        return new String[] {"chat.deepseek.com"};
    }

    @Override
    String fixture() {
        return "deepseek-completion.http";
    }

    @Override
    String location() {
        return "prompt";
    }

    @Override
    String adapterName() {
        return "deepseek";
    }

    @Override
    String sentText(String body) throws Exception {
        return JSON.readTree(body).get("prompt").asText();
    }

    /** DeepSeek's patches: a first fragment, then short APPENDs (placeholders split across them). */
    @Override
    String[] answer(String text) throws Exception {
        StringBuilder b = new StringBuilder();
        b.append(event(null, Map.of("v", Map.of("response", Map.of("message_id", 2, "role", "ASSISTANT",
                "fragments", List.of(Map.of("id", 1, "type", "RESPONSE", "content", text.substring(0, 2))))))));
        for (int i = 2; i < text.length(); i += 3) {
            String piece = text.substring(i, Math.min(text.length(), i + 3));
            b.append(event(null, i == 2 ? Map.of("p", "response/fragments/-1/content", "o", "APPEND", "v", piece)
                    : Map.of("v", piece)));
        }
        b.append(event(null, Map.of("p", "response/status", "o", "SET", "v", "FINISHED")));
        b.append(event("close", Map.of("click_behavior", "none")));
        return new String[] {"text/event-stream; charset=utf-8", b.toString()};
    }

    @Override
    String shown(String body) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : body.split("\n")) {
            if (!line.startsWith("data: ")) {
                continue;
            }
            JsonNode d = JSON.readTree(line.substring(6));
            JsonNode v = d.get("v");
            if (v != null && v.isObject()) {
                b.append(v.at("/response/fragments/0/content").asText());
            } else if (v != null && v.isTextual() && d.path("p").asText("content").endsWith("content")) {
                b.append(v.asText());
            }
        }
        return b.toString();
    }
}
