package dev.hush.adapter.webapp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

class MetaAiAdapterTest extends ChatAppContract {
    @Override
    String[] hosts() {
        return new String[] {"www.meta.ai"};
    }

    @Override
    String fixture() {
        return "metaai-graphql.http";
    }

    @Override
    String location() {
        return "variables.message.sensitive_string_value";
    }

    @Override
    String adapterName() {
        return "metaai";
    }

    @Override
    String sentText(String body) throws Exception {
        for (String kv : body.split("&")) {
            if (kv.startsWith("variables=")) {
                String vars = URLDecoder.decode(kv.substring(10), StandardCharsets.UTF_8);
                assertTrue(body.contains("&lsd=AVq3Zk8Lx2M&"), "the other fields keep their bytes");
                return JSON.readTree(vars).at("/message/sensitive_string_value").asText();
            }
        }
        return null;
    }

    /** Meta AI streams one GraphQL result per line, each with the snippet so far (served as text/html). */
    @Override
    String[] answer(String text) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int n = 3; n <= text.length(); n = n == text.length() ? n + 1 : Math.min(text.length(), n + 8)) {
            b.append(JSON.writeValueAsString(Map.of("data", Map.of("node", Map.of("bot_response_message",
                    Map.of("snippet", text.substring(0, n), "streaming_state", n == text.length() ? "OVERALL_DONE" : "STREAMING"))))))
                    .append('\n');
        }
        return new String[] {"text/html; charset=utf-8", b.toString()};
    }

    @Override
    String shown(String body) throws Exception {
        String last = null;
        for (String line : body.split("\n")) {
            JsonNode d = JSON.readTree(line);
            last = d.at("/data/node/bot_response_message/snippet").asText();
        }
        return last;
    }
}
