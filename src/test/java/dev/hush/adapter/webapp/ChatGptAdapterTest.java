package dev.hush.adapter.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.audit.AuditRecord;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChatGptAdapterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    WebAppHarness hush;

    @BeforeEach
    void start() throws Exception {
        hush = new WebAppHarness("chatgpt.com", "sdmntprwestus.oaiusercontent.com");
    }

    @AfterEach
    void stop() throws Exception {
        hush.close();
    }

    /** What the app received as the user's message. */
    static String sentText(WebAppHarness.Received r) throws Exception {
        return JSON.readTree(r.text()).at("/messages/0/content/parts").path(r.text().contains("multimodal") ? 1 : 0).asText();
    }

    /** ChatGPT's delta-encoded stream of an answer, cut into small appends (placeholders split across events). */
    static String deltaStream(String answer) {
        StringBuilder b = new StringBuilder("event: delta_encoding\ndata: \"v1\"\n\n");
        b.append("event: delta\ndata: {\"p\":\"\",\"o\":\"add\",\"v\":{\"message\":{\"id\":\"m-1\",\"author\":{\"role\":\"assistant\"},"
                + "\"content\":{\"content_type\":\"text\",\"parts\":[\"\"]},\"status\":\"in_progress\"},\"conversation_id\":\"c-1\"},\"c\":0}\n\n");
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < answer.length(); i += 4) {
            pieces.add(answer.substring(i, Math.min(answer.length(), i + 4)));
        }
        for (int i = 0; i < pieces.size(); i++) {
            String v = JSON.getNodeFactory().textNode(pieces.get(i)).toString();
            b.append("event: delta\ndata: ").append(i == 0 ? "{\"p\":\"/message/content/parts/0\",\"o\":\"append\",\"v\":" + v + "}"
                    : "{\"v\":" + v + "}").append("\n\n");
        }
        b.append("event: delta\ndata: {\"p\":\"/message/status\",\"o\":\"replace\",\"v\":\"finished_successfully\"}\n\n");
        return b.append("data: [DONE]\n\n").toString();
    }

    /** The text a ChatGPT client shows from a delta stream. */
    static String shownText(String sse) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String event : sse.split("\n\n")) {
            for (String line : event.split("\n")) {
                if (line.startsWith("data: {")) {
                    JsonNode d = JSON.readTree(line.substring(6));
                    if (d.path("v").isTextual() && d.path("p").asText("/message/content/parts/0").startsWith("/message/content/parts")) {
                        b.append(d.get("v").asText());
                    } else if (d.has("message")) {
                        b.append(d.at("/message/content/parts/0").asText());
                    }
                }
            }
        }
        return b.toString();
    }

    @ParameterizedTest
    @EnumSource(value = HttpVersion.class, names = {"HTTP_1_1", "HTTP_2"})
    void aSecretIsBlockedInsideTheAppAndNeverReachesIt(HttpVersion version) throws Exception {
        String key = FakeValues.awsKey();
        var reply = hush.send(RecordedRequest.load("chatgpt-conversation.http", "deploy with " + key + " please"), version);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("content-type").startsWith("text/event-stream"), reply.header("content-type"));
        assertEquals("block", reply.header("x-hush-action"));
        String shown = shownText(reply.body());
        assertTrue(shown.contains("Hush blocked"), shown);
        assertTrue(shown.contains("messages[0].content.parts[0]"), "says where: " + shown);
        assertTrue(shown.contains("policy rule"), "says which policy: " + shown);
        assertTrue(reply.body().contains("\"role\":\"assistant\""), reply.body());
        assertTrue(reply.body().endsWith("data: [DONE]\n\n"), reply.body());
        assertFalse(reply.body().contains(key));
        assertTrue(hush.received.isEmpty(), "nothing reached the app");
        AuditRecord a = hush.lastAudit();
        assertEquals("block", a.action());
        assertEquals("chatgpt", a.provider());
        assertEquals("chatgpt.com", a.host(), "the app and its host are the destination");
        assertEquals("/backend-api/f/conversation", a.endpoint());
        assertEquals(WebAppHarness.USER, a.user());
    }

    @ParameterizedTest
    @EnumSource(value = HttpVersion.class, names = {"HTTP_1_1", "HTTP_2"})
    void anEmailArrivesPseudonymizedAndIsRestoredInTheStreamedAnswer(HttpVersion version) throws Exception {
        String email = FakeValues.email();
        hush.responder = (req, r) -> {
            String said;
            try {
                said = sentText(r);
            } catch (Exception e) {
                said = "unreadable";
            }
            req.response().putHeader("content-type", "text/event-stream; charset=utf-8").end(deltaStream("I will write to " + said));
        };
        var reply = hush.send(RecordedRequest.load("chatgpt-conversation.http", "mail " + email), version);
        assertEquals(200, reply.status(), reply.body());
        String sent = sentText(hush.last());
        assertFalse(hush.last().text().contains(email), "the app never sees the address");
        assertTrue(sent.matches("mail <[A-Z_]+_\\d+>"), sent);
        assertEquals("I will write to mail " + email, shownText(reply.body()));
        JsonNode original = JSON.readTree(RecordedRequest.load("chatgpt-conversation.http", "x").body());
        JsonNode forwarded = JSON.readTree(hush.last().text());
        assertEquals(original.get("client_contextual_info"), forwarded.get("client_contextual_info"), "the rest is unchanged");
        assertEquals("pseudonymize", hush.lastAudit().action());
    }

    @Test
    void theTextBesideAnImageInAMultimodalMessageIsRead() throws Exception {
        String key = FakeValues.awsKey();
        var reply = hush.send(RecordedRequest.load("chatgpt-multimodal.http", "what does " + key + " unlock?"), HttpVersion.HTTP_1_1);
        assertEquals("block", reply.header("x-hush-action"));
        assertTrue(shownText(reply.body()).contains("messages[0].content.parts[1]"), reply.body());
        assertTrue(reply.body().contains("68c1f2a0-4d7e-8003-a9b5-6e2d1c0f4b73"), "answers in the same conversation");
        assertTrue(hush.received.isEmpty());
    }

    @Test
    void aDraftIsScannedBeforeSend() throws Exception {
        String email = FakeValues.email();
        var reply = hush.send(RecordedRequest.load("chatgpt-prepare.http", "draft to " + email), HttpVersion.HTTP_1_1);
        assertEquals(200, reply.status(), reply.body());
        JsonNode sent = JSON.readTree(hush.last().text());
        assertTrue(sent.at("/partial_query/content/parts/0").asText().matches("draft to <[A-Z_]+_\\d+>"), sent.toString());
        String key = FakeValues.awsKey();
        var blocked = hush.send(RecordedRequest.load("chatgpt-prepare.http", "draft " + key), HttpVersion.HTTP_1_1);
        assertEquals(400, blocked.status(), "not a chat answer: a JSON error");
        assertEquals("partial_query.content.parts[0]", JSON.readTree(blocked.body()).at("/error/param").asText());
        assertEquals(1, hush.received.size());
    }

    @Test
    void anUploadedTextFileIsScannedAndItsNameToo() throws Exception {
        String key = FakeValues.awsKey();
        var put = hush.send(RecordedRequest.load("chatgpt-file-put.http", "staging key " + key), HttpVersion.HTTP_1_1);
        assertEquals(400, put.status(), put.body());
        JsonNode err = JSON.readTree(put.body()).get("error");
        assertEquals("file:vendor-notes.txt", err.get("param").asText());
        assertTrue(hush.received.isEmpty());
        String email = FakeValues.email();
        var ok = hush.send(RecordedRequest.load("chatgpt-file-put.http", "contact " + email), HttpVersion.HTTP_1_1);
        assertEquals(200, ok.status(), ok.body());
        String stored = hush.last().text();
        assertFalse(stored.contains(email));
        assertTrue(stored.startsWith("Vendor call notes, 28 Nov\ncontact <"), stored);
        assertTrue(stored.endsWith("\nFollow up next week."), stored);
        var meta = hush.send(RecordedRequest.load("chatgpt-files.http", "keys-" + key + ".txt"), HttpVersion.HTTP_1_1);
        assertEquals("file_name", JSON.readTree(meta.body()).at("/error/param").asText());
        assertNotNull(hush.lastAudit());
        assertEquals("chatgpt", hush.lastAudit().provider());
    }

    @Test
    void aWarnedMessageGoesThroughOnceAfterTheUserGivesAReasonOnTheJustifyPage() throws Exception {
        hush.close();
        dev.hush.config.HushConfig cfg = new dev.hush.config.HushConfig();
        cfg.policy.rules.add(new dev.hush.policy.PolicyRule("mail-needs-reason", "PII.EMAIL", "warn"));
        cfg.gateway.adminUrl = "http://hush-admin.corp.example:8081/";
        hush = new WebAppHarness(cfg, "chatgpt.com");
        var page = new dev.hush.proxy.JustifyPage(hush.pipeline);
        var admin = hush.vertx.createHttpServer().requestHandler(page::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get();
        hush.responder = (req, r) -> req.response().putHeader("content-type", "text/event-stream").end(deltaStream("ok"));
        String email = FakeValues.email();
        var request = RecordedRequest.load("chatgpt-conversation.http", "forward to " + email);
        var held = hush.send(request, HttpVersion.HTTP_1_1);
        assertEquals("warn", held.header("x-hush-action"));
        String shown = shownText(held.body());
        var m = java.util.regex.Pattern.compile("http://hush-admin\\.corp\\.example:8081/justify\\?t=([A-Za-z0-9_-]+)").matcher(shown);
        assertTrue(m.find(), "the in-app message links to the justify page: " + shown);
        String token = m.group(1);
        assertTrue(hush.received.isEmpty());

        java.net.http.HttpClient browser = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + admin.actualPort() + "/justify";
        var form = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "?t=" + token)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("<textarea") && form.body().contains("chatgpt"), form.body());
        String key = FakeValues.awsKey();
        String reason = "customer asked for it in ticket 5521, not the key " + key;
        var posted = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("t=" + token + "&reason="
                        + java.net.URLEncoder.encode(reason, java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode(), posted.body());
        AuditRecord j = hush.lastAudit();
        assertEquals("justify", j.action());
        assertEquals(WebAppHarness.USER, j.user());
        assertTrue(j.justification().startsWith("customer asked for it in ticket 5521"), j.justification());
        assertFalse(j.justification().contains(key), "the reason is stored masked");

        var retry = hush.send(request, HttpVersion.HTTP_1_1);
        assertEquals(200, retry.status());
        assertEquals("ok", shownText(retry.body()));
        assertEquals(1, hush.received.size());
        assertEquals("warn", hush.lastAudit().action());
        assertEquals(j.justification(), hush.lastAudit().justification());

        var again = hush.send(request, HttpVersion.HTTP_1_1);
        assertEquals("warn", again.header("x-hush-action"), "the pass was for one retry");
        assertEquals(1, hush.received.size());
        var reused = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "?t=" + token)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, reused.statusCode(), "a link is used once");
    }

    @Test
    void aRefusedPageNavigationGetsAnHtmlBlockPage() throws Exception {
        String key = FakeValues.awsKey();
        var r = new RecordedRequest("POST", "/share/feedback", "chatgpt.com", java.util.Map.of(
                "Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Mode", "navigate",
                "Accept", "text/html,application/xhtml+xml"), "comment=" + java.net.URLEncoder.encode("my key " + key + " <b>",
                java.nio.charset.StandardCharsets.UTF_8));
        var reply = hush.send(r, HttpVersion.HTTP_1_1);
        assertEquals(403, reply.status(), reply.body());
        assertTrue(reply.header("content-type").startsWith("text/html"), reply.header("content-type"));
        assertTrue(reply.body().contains("<h1>Blocked by Hush</h1>") && reply.body().contains("form:comment"), reply.body());
        assertTrue(reply.body().contains("<code>chatgpt.com</code>"), reply.body());
        assertFalse(reply.body().contains(key));
        assertTrue(hush.received.isEmpty());
    }
}
