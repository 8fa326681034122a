package dev.hush.adapter.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpVersion;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerplexityAdapterTest extends ChatAppContract {
    @Override
    String[] hosts() {
        return new String[] {"www.perplexity.ai"};
    }

    @Override
    String fixture() {
        return "perplexity-ask.http";
    }

    @Override
    String location() {
        return "query_str";
    }

    @Override
    String adapterName() {
        return "perplexity";
    }

    @Override
    String sentText(String body) throws Exception {
        return JSON.readTree(body).get("query_str").asText();
    }

    /** Perplexity sends the whole answer so far in each message event, then end_of_stream. */
    @Override
    String[] answer(String text) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int n = 5; n < text.length(); n += 7) {
            b.append(event("message", Map.of("status", "PENDING", "text", text.substring(0, n), "final", false)));
        }
        b.append(event("message", Map.of("status", "COMPLETED", "text", text, "final", true)));
        b.append(event("end_of_stream", Map.of()));
        return new String[] {"text/event-stream", b.toString()};
    }

    @Override
    String shown(String body) throws Exception {
        String last = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                JsonNode d = JSON.readTree(line.substring(6));
                if (d.path("final").asBoolean(false)) {
                    last = d.get("text").asText();
                }
            }
        }
        return last;
    }

    @Test
    void theQuestionIsTheSamePlaceholderInBothFields() throws Exception {
        String email = FakeValues.email();
        hush.send(RecordedRequest.load(fixture(), "who is " + email), HttpVersion.HTTP_1_1);
        JsonNode sent = JSON.readTree(hush.last().text());
        assertEquals(sent.get("query_str").asText(), sent.at("/params/dsl_query").asText());
        assertEquals("turbo", hush.lastAudit().model());
    }
}
