package dev.hush.adapter.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpVersion;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeminiAdapterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    WebAppHarness hush;

    @BeforeEach
    void start() throws Exception {
        hush = new WebAppHarness("gemini.google.com", "content-push.googleapis.com");
    }

    @AfterEach
    void stop() throws Exception {
        hush.close();
    }

    /** The prompt in a StreamGenerate form, through its three layers. */
    static String prompt(String form) throws Exception {
        for (String kv : form.split("&")) {
            if (kv.startsWith("f.req=")) {
                JsonNode outer = JSON.readTree(URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8));
                return JSON.readTree(outer.get(1).asText()).at("/0/0").asText();
            }
        }
        return null;
    }

    /** One length-prefixed chunk of Gemini's answer, holding the answer so far. */
    static String chunk(String soFar) throws Exception {
        String inner = JSON.writeValueAsString(List.of(List.of("c_5e1f0a9b3d7c", "r_2a8c4e6f1b3d"), "x",
                List.of(List.of("rc_7d9b1f3a5c2e", List.of(soFar)))));
        String line = JSON.writeValueAsString(List.of(java.util.Arrays.asList("wrb.fr", null, inner)));
        return (line.length() + 1) + "\n" + line + "\n";
    }

    /** The last answer text a Gemini client shows, checking every declared length on the way. */
    static String shown(String body) throws Exception {
        assertTrue(body.startsWith(")]}'\n"), body);
        String[] lines = body.substring(5).split("\n");
        String last = null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty() || !lines[i].chars().allMatch(Character::isDigit)) {
                continue;
            }
            String payload = lines[i + 1];
            assertEquals(Integer.parseInt(lines[i]), payload.length() + 1, "declared length of " + payload);
            JsonNode c = JSON.readTree(payload).get(0);
            if ("wrb.fr".equals(c.get(0).asText())) {
                last = JSON.readTree(c.get(2).asText()).at("/2/0/1/0").asText();
            }
            i++;
        }
        return last;
    }

    @ParameterizedTest
    @EnumSource(value = HttpVersion.class, names = {"HTTP_1_1", "HTTP_2"})
    void aSecretIsBlockedAndNeverReachesTheApp(HttpVersion version) throws Exception {
        String key = FakeValues.awsKey();
        var reply = hush.send(RecordedRequest.load("gemini-streamgenerate.http", "is " + key + " still valid?"), version);
        assertEquals(400, reply.status(), reply.body());
        JsonNode err = JSON.readTree(reply.body()).get("error");
        assertEquals("hush_blocked", err.get("code").asText());
        assertEquals("f.req[1]<json>[0][0]", err.get("param").asText());
        assertFalse(reply.body().contains(key));
        assertTrue(hush.received.isEmpty());
        assertEquals("gemini-web", hush.lastAudit().provider());
    }

    @ParameterizedTest
    @EnumSource(value = HttpVersion.class, names = {"HTTP_1_1", "HTTP_2"})
    void anEmailArrivesPseudonymizedAndIsRestoredInTheChunkedAnswer(HttpVersion version) throws Exception {
        String email = FakeValues.email();
        hush.responder = (req, r) -> {
            try {
                String said = prompt(r.text());
                req.response().putHeader("content-type", "application/json; charset=utf-8")
                        .end(")]}'\n\n" + chunk("Drafting") + chunk("Drafting a note to " + said) + "26\n[[\"di\",88],[\"af.httprm\"]]\n");
            } catch (Exception e) {
                req.response().setStatusCode(500).end();
            }
        };
        var reply = hush.send(RecordedRequest.load("gemini-streamgenerate.http", "write to " + email + " \"today\""), version);
        assertEquals(200, reply.status(), reply.body());
        String sent = prompt(hush.last().text());
        assertTrue(sent.matches("write to <[A-Z_]+_\\d+> \"today\""), sent);
        assertFalse(hush.last().text().contains(URLEncoder.encode(email, StandardCharsets.UTF_8)));
        assertTrue(hush.last().text().endsWith("&at=AJvLN6Mx4qT2zR8pW0kYb3Hc5nF1%3A1764580901234&"), "other fields keep their bytes");
        assertEquals("Drafting a note to write to " + email + " \"today\"", shown(reply.body()));
        assertEquals("pseudonymize", hush.lastAudit().action());
    }

    @Test
    void batchExecuteIsReadThroughEveryLayer() throws Exception {
        String key = FakeValues.awsKey();
        String args = JSON.writeValueAsString(List.of("c_5e1f0a9b3d7c", "title with " + key));
        String freq = JSON.writeValueAsString(List.of(List.of(java.util.Arrays.asList("MUAZcd", args, null, "generic"))));
        var r = new RecordedRequest("POST", "/_/BardChatUi/data/batchexecute?rpcids=MUAZcd&source-path=%2Fapp&hl=en&rt=c",
                "gemini.google.com", Map.of("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"),
                "f.req=" + URLEncoder.encode(freq, StandardCharsets.UTF_8) + "&at=AJvLN6Mx4qT2zR8pW0kYb3Hc5nF1%3A1764580907777&");
        var reply = hush.send(r, HttpVersion.HTTP_1_1);
        assertEquals(400, reply.status());
        assertEquals("form:f.req<json>[0][0][1]<json>[1]", JSON.readTree(reply.body()).at("/error/param").asText());
        assertTrue(hush.received.isEmpty());
    }

    @Test
    void anUploadedFileIsScannedAndRewritten() throws Exception {
        String email = FakeValues.email();
        var ok = hush.send(RecordedRequest.load("gemini-upload.http", email), HttpVersion.HTTP_1_1);
        assertEquals(200, ok.status(), ok.body());
        assertFalse(hush.last().text().contains(email));
        assertTrue(hush.last().text().matches("customer_id,name,contact,notes\n1042,[^,\n]*,<EMAIL_\\d+>,renewal due\n"
                + "1043,[^,\n]*,procurement desk,none"), hush.last().text());
        String key = FakeValues.awsKey();
        var blocked = hush.send(RecordedRequest.load("gemini-upload.http", key), HttpVersion.HTTP_1_1);
        assertEquals(400, blocked.status());
        assertEquals("file:upload", JSON.readTree(blocked.body()).at("/error/param").asText());
        assertEquals(1, hush.received.size());
    }
}
