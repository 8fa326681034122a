package dev.hush.adapter.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every chat app's adapter must do, run against its recorded request over HTTP/1.1 and HTTP/2: a
 * secret is blocked (a JSON error naming the field) and never reaches the app; an e-mail address arrives
 * pseudonymized and the user sees it restored in the app's own streamed answer. Subclasses give the fixture,
 * where the text sits, and how the app streams.
 */
abstract class ChatAppContract {
    static final ObjectMapper JSON = new ObjectMapper();
    WebAppHarness hush;

    abstract String[] hosts();

    abstract String fixture();

    /** Where the user's text sits, as the block message names it. */
    abstract String location();

    abstract String adapterName();

    /** The user's text as the app received it. */
    abstract String sentText(String body) throws Exception;

    /** The content type and body of the app's streamed answer. */
    abstract String[] answer(String text) throws Exception;

    /** What the app shows from its answer. */
    abstract String shown(String body) throws Exception;

    @BeforeEach
    void start() throws Exception {
        hush = new WebAppHarness(hosts());
    }

    @AfterEach
    void stop() throws Exception {
        hush.close();
    }

    @ParameterizedTest
    @EnumSource(value = HttpVersion.class, names = {"HTTP_1_1", "HTTP_2"})
    void aSecretIsBlockedAndNeverReachesTheApp(HttpVersion version) throws Exception {
        String key = FakeValues.awsKey();
        var reply = hush.send(RecordedRequest.load(fixture(), "try " + key + " again"), version);
        assertEquals(400, reply.status(), reply.body());
        JsonNode err = JSON.readTree(reply.body()).get("error");
        assertEquals("hush_blocked", err.get("code").asText());
        assertEquals(location(), err.get("param").asText());
        assertTrue(err.get("message").asText().contains("policy rule"), err.toString());
        assertFalse(reply.body().contains(key));
        assertTrue(hush.received.isEmpty(), "nothing reached the app");
        assertEquals(adapterName(), hush.lastAudit().provider());
        assertEquals("block", hush.lastAudit().action());
        assertEquals(WebAppHarness.USER, hush.lastAudit().user());
    }

    @ParameterizedTest
    @EnumSource(value = HttpVersion.class, names = {"HTTP_1_1", "HTTP_2"})
    void anEmailArrivesPseudonymizedAndIsRestoredInTheStreamedAnswer(HttpVersion version) throws Exception {
        String email = FakeValues.email();
        hush.responder = (req, r) -> {
            try {
                String[] a = answer("Noted: " + sentText(r.text()));
                req.response().putHeader("content-type", a[0]).end(a[1]);
            } catch (Exception e) {
                req.response().setStatusCode(500).end(e.toString());
            }
        };
        var reply = hush.send(RecordedRequest.load(fixture(), "reply to " + email), version);
        assertEquals(200, reply.status(), reply.body());
        assertFalse(hush.last().text().contains(email), "the app never sees the address");
        assertTrue(sentText(hush.last().text()).matches("reply to <EMAIL_\\d+>"), sentText(hush.last().text()));
        assertEquals("Noted: reply to " + email, shown(reply.body()));
        assertEquals("pseudonymize", hush.lastAudit().action());
        assertEquals(adapterName(), hush.lastAudit().provider());
    }

    /** A server-sent event with a JSON payload. */
    static String event(String name, Object data) throws Exception {
        return (name == null ? "" : "event: " + name + "\n") + "data: " + JSON.writeValueAsString(data) + "\n\n";
    }
}
