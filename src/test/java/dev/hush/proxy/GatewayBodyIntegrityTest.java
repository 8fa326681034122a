package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bytes forwarded are the bytes inspected: a provider must never read a document Hush did not. A
 * byte-order mark is removed (and the body scanned), other encodings, duplicate keys and data after the JSON
 * value are refused in the provider's format, and nothing reaches the upstream.
 */
class GatewayBodyIntegrityTest extends WithGateway {
    private static final String PATH = "/openai/v1/chat/completions";

    private static String secret() {
        // a fresh AWS-access-key-shaped value (what the fixture's scanner knows), made here, never from a corpus
        StringBuilder b = new StringBuilder("AKIA");
        java.util.Random r = new java.util.Random(7);
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for (int i = 0; i < 16; i++) {
            b.append(abc.charAt(r.nextInt(abc.length())));
        }
        return b.toString();
    }

    private void assertRefused(HttpResponse<String> r, String messagePart) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("hush_malformed_json", Echo.JSON.readTree(r.body()).at("/error/code").asText());
        assertTrue(Echo.JSON.readTree(r.body()).at("/error/message").asText().contains(messagePart), r.body());
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the upstream");
        assertFalse(r.body().contains(secret()), "the error must not quote the body");
    }

    @Test
    void aByteOrderMarkIsRemovedAndTheBodyStillScanned() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xEF);
        b.write(0xBB);
        b.write(0xBF);
        b.writeBytes(GatewayChatTest.chat("deploy with " + secret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = fx.postBytes(PATH, b.toByteArray());
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("hush_blocked", Echo.JSON.readTree(r.body()).at("/error/code").asText());
        assertTrue(fx.upstream.received.isEmpty());

        ByteArrayOutputStream ok = new ByteArrayOutputStream();
        ok.write(0xEF);
        ok.write(0xBB);
        ok.write(0xBF);
        ok.writeBytes(GatewayChatTest.chat("hello there").getBytes(StandardCharsets.UTF_8));
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "fine");
        HttpResponse<String> r2 = fx.postBytes(PATH, ok.toByteArray());
        assertEquals(200, r2.statusCode(), r2.body());
        assertTrue(fx.upstream.last().body().startsWith("{"), "the mark is not forwarded");
    }

    @Test
    void utf16JsonIsRefused() throws Exception {
        byte[] le = ("\uFEFF" + GatewayChatTest.chat("deploy with " + secret())).getBytes(StandardCharsets.UTF_16LE);
        assertRefused(fx.postBytes(PATH, le), "UTF-8");
        byte[] be = GatewayChatTest.chat("deploy with " + secret()).getBytes(StandardCharsets.UTF_16BE);
        assertRefused(fx.postBytes(PATH, be), "UTF-8");
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        String dup = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"deploy with " + secret() + "\"}]}";
        assertRefused(fx.post(PATH, dup), "twice");
        String dupContent = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"content\":\"x\"}]}";
        assertRefused(fx.post(PATH, dupContent), "twice");
    }

    @Test
    void dataAfterTheJsonValueIsRefused() throws Exception {
        String two = GatewayChatTest.chat("hello") + "{\"messages\":[{\"role\":\"user\",\"content\":\"" + secret() + "\"}]}";
        assertRefused(fx.post(PATH, two), "follows");
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "fine");
        HttpResponse<String> r = fx.post(PATH, GatewayChatTest.chat("hello") + "\n  ");
        assertEquals(200, r.statusCode(), "trailing white space is still one JSON value");
    }
}
