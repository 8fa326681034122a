package dev.hush.adapter.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpVersion;
import org.junit.jupiter.api.Test;

class MistralAdapterTest extends ChatAppContract {
    @Override
    String[] hosts() {
        return new String[] {"chat.mistral.ai"};
    }

    @Override
    String fixture() {
        return "mistral-chat.http";
    }

    @Override
    String location() {
        return "messageInput[0].text";
    }

    @Override
    String adapterName() {
        return "mistral";
    }

    @Override
    String sentText(String body) throws Exception {
        return JSON.readTree(body).at("/messageInput/0/text").asText();
    }

    /** Le Chat's answer as lines of records, each a JSON value after its tag. */
    @Override
    String[] answer(String text) throws Exception {
        StringBuilder b = new StringBuilder("15:{\"json\":{\"type\":\"message\",\"messageId\":\"m-2\"}}\n");
        for (int n = 4; n < text.length(); n += 6) {
            b.append("0:").append(JSON.writeValueAsString(text.substring(0, n))).append('\n');
        }
        b.append("0:").append(JSON.writeValueAsString(text)).append('\n');
        return new String[] {"text/plain; charset=utf-8", b.toString()};
    }

    @Override
    String shown(String body) throws Exception {
        String last = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("0:")) {
                last = JSON.readTree(line.substring(2)).asText();
            }
        }
        return last;
    }

    @Test
    void theFirstMessageOfANewChatIsReadInTheTrpcBatch() throws Exception {
        String key = FakeValues.awsKey();
        var reply = hush.send(RecordedRequest.load("mistral-newchat.http", "key " + key), HttpVersion.HTTP_1_1);
        assertEquals(400, reply.status());
        assertEquals("0.json.content[0].text", JSON.readTree(reply.body()).at("/error/param").asText());
        assertTrue(hush.received.isEmpty());
        String email = FakeValues.email();
        hush.send(RecordedRequest.load("mistral-newchat.http", "hi " + email), HttpVersion.HTTP_1_1);
        JsonNode sent = JSON.readTree(hush.last().text());
        assertTrue(sent.at("/0/json/content/0/text").asText().matches("hi <EMAIL_\\d+>"), sent.toString());
        assertEquals(sent.at("/0/meta"), JSON.readTree(RecordedRequest.load("mistral-newchat.http", "x").body()).at("/0/meta"));
    }
}
