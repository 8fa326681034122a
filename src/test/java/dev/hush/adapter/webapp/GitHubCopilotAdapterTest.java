package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

class GitHubCopilotAdapterTest extends ChatAppContract {
    @Override
    String[] hosts() {
        return new String[] {"api.individual.githubcopilot.com"};
    }

    @Override
    String fixture() {
        return "github-copilot-message.http";
    }

    @Override
    String location() {
        return "content";
    }

    @Override
    String adapterName() {
        return "github-copilot";
    }

    @Override
    String sentText(String body) throws Exception {
        return JSON.readTree(body).get("content").asText();
    }

    /** Copilot on github.com streams {@code content} events of a few characters, then {@code complete}. */
    @Override
    String[] answer(String text) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i += 5) {
            b.append(event(null, Map.of("type", "content", "body", text.substring(i, Math.min(text.length(), i + 5)))));
        }
        b.append(event(null, Map.of("type", "complete", "id", "c4e6a8b0", "turnId", "t-1")));
        return new String[] {"text/event-stream", b.toString()};
    }

    @Override
    String shown(String body) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                JsonNode d = JSON.readTree(line.substring(6));
                if ("content".equals(d.path("type").asText())) {
                    b.append(d.get("body").asText());
                }
            }
        }
        return b.toString();
    }
}
